package io.territoryos.optimizer;

import io.territoryos.security.KafkaClientSecurity;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small team's books as the optimizer reads them from a broker: reps as Debezium JSON on crm.reps, accounts as
 * Avro on accounts.scored. Team East, MID_MARKET, quota 1M each; R-1 exited holding four accounts, R-2 holds five
 * (the first locked), R-3 three, R-4 two; 100k of potential each, the first of each book TIER_1.
 */
final class SampleBooks {

    static final String TEAM = "East";
    static final String LOCKED_ACCOUNT = "R-2-A1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Publishes the books with event times at {@code t0} (the exit a minute later) and waits for every ack. */
    static void publish(String bootstrapServers, Instant t0) throws Exception {
        publish(bootstrapServers, Map.of(), t0);
    }

    /** The same, through producers that log in with the given SASL/TLS settings. */
    static void publish(String bootstrapServers, Map<String, String> security, Instant t0) throws Exception {
        try (KafkaProducer<byte[], byte[]> cdc = new KafkaProducer<>(KafkaClientSecurity.with(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), security),
                new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, ScoredAccount> scored = new KafkaProducer<>(KafkaClientSecurity.with(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), security),
                     new StringSerializer(), AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer())) {
            for (String repId : List.of("R-1", "R-2", "R-3", "R-4")) {
                sendRep(cdc, rep(repId, RepStatus.ACTIVE), "r", t0);
            }
            sendRep(cdc, rep("R-1", RepStatus.EXITED), "u", t0.plusSeconds(60));
            Map<String, Integer> books = new LinkedHashMap<>(Map.of("R-1", 4, "R-2", 5, "R-3", 3, "R-4", 2));
            for (var book : books.entrySet()) {
                for (int i = 1; i <= book.getValue(); i++) {
                    String accountId = book.getKey() + "-A" + i;
                    ScoredAccount account = scoredAccount(accountId, book.getKey(), i == 1 ? Tier.TIER_1 : Tier.DEVELOP,
                            accountId.equals(LOCKED_ACCOUNT), t0);
                    scored.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), accountId, account)).get();
                }
            }
        }
    }

    private static void sendRep(KafkaProducer<byte[], byte[]> producer, CrmRep rep, String op, Instant at) throws Exception {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("before", null);
        envelope.put("after", rep.toRow());
        envelope.put("op", op);
        envelope.put("ts_ms", at.toEpochMilli());
        producer.send(new ProducerRecord<>(Topics.CRM_REPS.name(),
                ("{\"rep_id\":\"" + rep.repId() + "\"}").getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(envelope))).get();
    }

    private static CrmRep rep(String id, RepStatus status) {
        return new CrmRep(id, "Rep " + id, status, Motion.NEW_BUSINESS, Segment.MID_MARKET, "NA-EAST", TEAM,
                1_000_000, 20, null);
    }

    static ScoredAccount scoredAccount(String id, String owner, Tier tier, boolean locked, Instant at) {
        return ScoredAccount.newBuilder()
                .setEventId(id + ":0:1").setAccountId(id).setName("Account " + id).setOwnerRepId(owner)
                .setSegment(Segment.MID_MARKET).setRegion("NA-EAST").setIndustry("Software")
                .setStatus(AccountStatus.CUSTOMER).setLocked(locked)
                .setCurrentArr(50_000).setWhitespaceArr(50_000).setBuyingCapacity(1).setRenewalRisk(0)
                .setIcpFit(50).setPropensity(0.5)
                .setRetainedArr(50_000).setRealizableWhitespace(50_000).setFitMultiplier(1).setPotential(100_000)
                .setScore(60).setTier(tier).setCriticalRisk(false)
                .setFormulaVersion("potential-v1").setWeightsVersion(1)
                .setSourceEventTime(at).setScoredAt(at)
                .build();
    }

    private SampleBooks() {
    }
}
