package io.territoryos.contracts;

import java.util.Map;

/**
 * One Kafka topic of the product: its name, the Java types of its key and value, and how it is created.
 *
 * @param name       topic name
 * @param keyType    type of the record key ({@code byte[]} for raw CDC JSON, {@code String} for our ids)
 * @param valueType  type of the record value (a generated Avro class, or {@code byte[]} for raw CDC JSON)
 * @param partitions partitions to create it with; records that must stay together share a key
 * @param config     topic-level configuration (cleanup policy and so on)
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions, Map<String, String> config) {

    /** The same topic under another name, for inputs whose names a CDC connector chooses. */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, keyType, valueType, partitions, config);
    }

    /** Dead-letter topic of this topic: {@code <name>.dlq}. */
    public String deadLetterName() {
        return name + Topics.DLQ_SUFFIX;
    }
}
