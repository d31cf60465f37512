package io.territoryos.demo.messaging;

import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The CRM as the CDC topics hold it now: the latest row of every rep and account, folded from crm.reps and
 * crm.accounts read from the beginning to their current end (deletes and tombstones remove the row). A row that no
 * longer decodes is kept as {@code null}, so an export that has the id sends it again and one that lacks it deletes it.
 */
public record CrmTopicState(Map<String, CrmRep> reps, Map<String, CrmAccount> accounts, boolean weightsPublished) {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    public static CrmTopicState read(String bootstrapServers, CdcFormat format) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(bootstrapServers))) {
            Map<String, CrmRep> reps = fold(consumer, format.repsTopic(), CrmRep.ID_FIELD, CrmRep::from);
            Map<String, CrmAccount> accounts = fold(consumer, format.accountsTopic(), CrmAccount.ID_FIELD, CrmAccount::from);
            boolean weights = hasRecords(consumer, format.weightsTopic());
            return new CrmTopicState(reps, accounts, weights);
        }
    }

    private static <T> Map<String, T> fold(KafkaConsumer<byte[], byte[]> consumer, String topic, String idField,
                                           BiFunction<String, io.territoryos.contracts.cdc.CdcRow, T> fromRow) {
        Map<String, T> rows = new HashMap<>();
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            return rows;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                ChangeEvent event;
                try {
                    event = DebeziumDecoder.decode(record.key(), record.value(), idField);
                } catch (CdcDecodingException e) {
                    continue; // no id to fold it under: the stream dead-letters it as well
                }
                if (event.removesRow()) {
                    rows.remove(event.id());
                    continue;
                }
                try {
                    rows.put(event.id(), fromRow.apply(event.id(), event.after()));
                } catch (CdcDecodingException e) {
                    rows.put(event.id(), null);
                }
            }
        }
        return rows;
    }

    private static boolean hasRecords(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
        return consumer.endOffsets(partitions).entrySet().stream().anyMatch(e -> e.getValue() > begins.get(e.getKey()));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-crm-import-state");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // no group: the state is read whole every time
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return consumer;
    }
}
