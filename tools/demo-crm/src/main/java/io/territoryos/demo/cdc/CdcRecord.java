package io.territoryos.demo.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as it goes on the wire: topic, key bytes and value bytes (null value = tombstone).
 * Equal by content, so two runs of the same seed can be compared record by record.
 */
public record CdcRecord(String topic, byte[] key, byte[] value) {

    public boolean tombstone() {
        return value == null;
    }

    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public int sizeInBytes() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CdcRecord that && topic.equals(that.topic)
                && Arrays.equals(key, that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return topic + " " + keyText() + " -> " + (value == null ? "null (tombstone)" : valueText());
    }
}
