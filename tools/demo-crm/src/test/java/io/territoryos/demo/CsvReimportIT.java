package io.territoryos.demo;

import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `import` of a Salesforce-style export, then of a corrected one, against the in-process broker: only the changes are sent. */
class CsvReimportIT {

    private static final String REPS = "User ID,Full Name,Rep Status,Sales Motion,Segment,Region,Sales Team,Annual Quota,Account Capacity\n"
            + "R-1,Ada Chen,Active,Dual,Mid Market,NA-EAST,mm-na,\"1,000,000\",40\n"
            + "R-2,Ben Okafor,Active,Dual,Mid Market,NA-EAST,mm-na,\"1,000,000\",40\n";
    private static final String ACCOUNTS = "Account ID,Account Name,Segment,Region,Account Status,Annual Recurring Revenue,"
            + "Whitespace ARR,Buying Capacity,Renewal Risk,ICP Fit,Propensity,Account Owner ID\n"
            + "A-1,Harbor,Mid Market,NA-EAST,Customer,\"137,800.00\",\"250,000\",1,0,50,0.5,R-1\n"
            + "A-2,Granite,Mid Market,NA-EAST,Customer,\"85,000\",\"120,000\",1,0,50,0.5,R-1\n"
            + "A-3,Summit,Mid Market,NA-EAST,Customer,\"42,000\",\"60,000\",1,0,50,0.5,R-2\n"
            + "A-4,Cedar,Mid Market,NA-EAST,Prospect,0,\"180,000\",1,0,50,0.5,R-2\n";

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void shouldSendOnlyTheChangedRowsAndDeletesWhenACorrectedExportIsLoadedAgain() throws IOException {
        Path first = export("first", REPS, ACCOUNTS);
        assertThat(runImport(first)).isZero();
        List<ConsumerRecord<byte[], byte[]>> afterFirst = readAll("crm.accounts");
        assertThat(afterFirst).hasSize(4).allSatisfy(r -> assertThat(op(r)).isEqualTo("c"));
        assertThat(readAll("crm.reps")).hasSize(2);
        assertThat(readAll("config.scoring-weights")).hasSize(1);

        assertThat(runImport(first)).as("the same export again").isZero();
        assertThat(readAll("crm.accounts")).as("nothing changed, nothing sent").hasSize(4);

        String corrected = ACCOUNTS.replace("A-2,Granite,Mid Market,NA-EAST,Customer,\"85,000\"",
                        "A-2,Granite,Mid Market,NA-EAST,Customer,\"95,000\"")
                .replace("A-4,Cedar,Mid Market,NA-EAST,Prospect,0,\"180,000\",1,0,50,0.5,R-2\n", "")
                + "A-5,Pine,Mid Market,NA-EAST,Prospect,0,\"75,000\",1,0,50,0.5,\n";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        assertThat(runImport(export("second", REPS, corrected), output)).isZero();

        List<ConsumerRecord<byte[], byte[]>> all = readAll("crm.accounts");
        assertThat(all).extracting(r -> key(r) + " " + op(r)).containsExactlyInAnyOrder(
                "A-1 c", "A-2 c", "A-3 c", "A-4 c", "A-5 c", "A-2 u", "A-4 d", "A-4 tombstone");
        assertThat(all).filteredOn(r -> key(r).equals("A-4")).extracting(CsvReimportIT::op)
                .as("one partition per key: in order").containsExactly("c", "d", "tombstone");
        ConsumerRecord<byte[], byte[]> updated = all.stream().filter(r -> op(r).equals("u")).findFirst().orElseThrow();
        ChangeEvent update = DebeziumDecoder.decode(updated.key(), updated.value(), CrmAccount.ID_FIELD);
        assertThat(CrmAccount.from(update.id(), update.after()).currentArr()).isEqualTo(95_000.0);
        assertThat(readAll("crm.reps")).as("reps unchanged").hasSize(2);
        assertThat(readAll("config.scoring-weights")).as("weights v1 only once").hasSize(1);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("accounts: 1 new, 1 changed, 1 deleted, 2 unchanged")
                .contains("loaded: 2 reps in 1 team(s) [mm-na], 4 accounts");
        assertThat(Files.readAllLines(dir.resolve("teams.txt"))).containsExactly("mm-na");
    }

    @Test
    void shouldRefuseAnExportWithoutALocaleAndSendNothing() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DemoCrmMain main = new DemoCrmMain(new PrintStream(output, true, StandardCharsets.UTF_8));
        Path export = export("no-locale", REPS, ACCOUNTS);

        int code = main.run(new String[]{"import", "--bootstrap", kafka.bootstrapServers(), "--dir", export.toString(),
                "--accounts-topic", "refused.accounts", "--reps-topic", "refused.reps", "--rejects",
                dir.resolve("rejects.csv").toString()});

        assertThat(code).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("rejects.csv"))).hasSize(1 + 2 + 7)
                .anySatisfy(line -> assertThat(line).startsWith("accounts.csv,2,current_arr,\"'137,800.00' has a thousands separator"));
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("connecting to Kafka");
    }

    private int runImport(Path export) {
        return runImport(export, new ByteArrayOutputStream());
    }

    private int runImport(Path export, ByteArrayOutputStream output) {
        return new DemoCrmMain(new PrintStream(output, true, StandardCharsets.UTF_8)).run(new String[]{"import",
                "--bootstrap", kafka.bootstrapServers(), "--dir", export.toString(), "--locale", "en-US",
                "--rejects", dir.resolve("rejects.csv").toString(), "--teams-out", dir.resolve("teams.txt").toString()});
    }

    private Path export(String name, String reps, String accounts) throws IOException {
        Path export = Files.createDirectories(dir.resolve(name));
        Files.writeString(export.resolve("reps.csv"), reps);
        Files.writeString(export.resolve("accounts.csv"), accounts);
        return export;
    }

    private static String op(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? "tombstone"
                : DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD).op().code();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD).id();
    }

    /** Every record of the topic, partition by partition in offset order (crm.* have several partitions: ordered per key). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
