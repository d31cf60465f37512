package io.territoryos.optimizer;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.testkit.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book view reading a backlog on a real in-process broker, as after a restart: accounts.scored holds every score
 * ever published (100 per account here), and the view decodes only the latest of each account; a tombstone removes
 * the account, an undecodable value is counted and skipped, and the view goes on reading. Accounts share one instance
 * of their region and owner.
 */
class BookViewIT {

    private static final int ACCOUNTS = 20;
    private static final int UPDATES = 100;
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    @Test
    void shouldDecodeOnlyTheLatestScoreOfEachAccountOfABacklogAndSkipWhatItCannotRead() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Topics.ALL);
            publishBacklog(kafka.bootstrapServers());

            try (BookView view = new BookView(kafka.bootstrapServers(), Topics.CRM_REPS.name(), Map.of()).start()) {
                view.awaitCaughtUp(Duration.ofSeconds(60));

                assertThat(view.accountCount()).isEqualTo(ACCOUNTS - 1); // A-0's tombstone
                assertThat(view.currentAccount("A-0")).isNull();
                assertThat(view.currentAccount("A-BAD")).isNull();
                for (int a = 1; a < ACCOUNTS; a++) {
                    assertThat(view.currentAccount("A-" + a).potential()).as("A-" + a).isEqualTo(100_000.0 + a);
                }
                // one instance of a string many accounts share: a million accounts once held a million copies of each
                // (the optimizer's heap thrashed in full collections, docs/benchmarks.md 2026-12-08)
                assertThat(view.currentAccount("A-1").ownerRepId()).isEqualTo("R-1")
                        .isSameAs(view.currentAccount("A-2").ownerRepId());
                assertThat(view.currentAccount("A-1").region()).isNotNull()
                        .isSameAs(view.currentAccount("A-2").region());
                assertThat(view.undecodableScores()).isEqualTo(1); // A-BAD's garbage
                // 2,002 records read: each account's latest decoded once, the superseded ones (nearly) never
                assertThat(view.decodedScores()).isBetween((long) ACCOUNTS - 1, (long) UPDATES * ACCOUNTS / 10);
            }
        }
    }

    /** 100 scores of each of 20 accounts (the last of A-a: potential 100,000 + a), A-0's tombstone, A-BAD's garbage. */
    private static void publishBacklog(String bootstrapServers) throws Exception {
        Serializer<ScoredAccount> avro = AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int update = 1; update <= UPDATES; update++) {
                for (int a = 0; a < ACCOUNTS; a++) {
                    String id = "A-" + a;
                    ScoredAccount score = SampleBooks.scoredAccount(id, "R-1", Tier.DEVELOP, false, T0.plusSeconds(update));
                    score.setPotential(update * 1_000.0 + a); // the last update of A-a: 100,000 + a
                    sent.add(producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), id, avro.serialize(Topics.ACCOUNTS_SCORED.name(), score))));
                }
            }
            sent.add(producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A-0", null)));
            sent.add(producer.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), "A-BAD", "not avro".getBytes(StandardCharsets.UTF_8))));
            producer.flush();
            for (Future<RecordMetadata> ack : sent) {
                ack.get(); // every record is on the broker
            }
        }
    }
}
