package io.territoryos.optimizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.OnLeavePolicy;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.TeamPolicy;
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
import java.util.Map;

/**
 * Publishes an organisation the way the CRM and the scoring service do: reps as Debezium JSON on crm.reps,
 * accounts as Avro on accounts.scored, team policies as Avro on config.team-policies. Every send waits for its ack.
 */
final class OrgBooks implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> cdc;
    private final KafkaProducer<String, ScoredAccount> scored;
    private final KafkaProducer<String, TeamPolicy> policies;
    private final Instant at;

    OrgBooks(String bootstrapServers, Instant at) {
        this.at = at;
        this.cdc = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.scored = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer());
        this.policies = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), AvroSerdes.valueSerde(TeamPolicy.class, Map.of()).serializer());
    }

    OrgBooks rep(String id, String team, Segment segment, String region, RepStatus status, double quota) throws Exception {
        CrmRep rep = new CrmRep(id, "Rep " + id, status, Motion.NEW_BUSINESS, segment, region, team, quota, 50, null);
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("before", null);
        envelope.put("after", rep.toRow());
        envelope.put("op", "r");
        envelope.put("ts_ms", at.toEpochMilli());
        cdc.send(new ProducerRecord<>(Topics.CRM_REPS.name(),
                ("{\"rep_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(envelope))).get();
        return this;
    }

    /** {@code count} accounts {@code <prefix>-1..n} of this potential, held by {@code owner} (null = unassigned). */
    OrgBooks accounts(String prefix, int count, String owner, Segment segment, String region, double potential,
                      String lockedId) throws Exception {
        for (int i = 1; i <= count; i++) {
            String id = prefix + "-" + i;
            scored.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), id, ScoredAccount.newBuilder()
                    .setEventId(id + ":0:1").setAccountId(id).setName("Account " + id).setOwnerRepId(owner)
                    .setSegment(segment).setRegion(region).setIndustry("Software")
                    .setStatus(AccountStatus.CUSTOMER).setLocked(id.equals(lockedId))
                    .setCurrentArr(potential / 2).setWhitespaceArr(potential / 2).setBuyingCapacity(1).setRenewalRisk(0)
                    .setIcpFit(50).setPropensity(0.5)
                    .setRetainedArr(potential / 2).setRealizableWhitespace(potential / 2).setFitMultiplier(1)
                    .setPotential(potential).setScore(60).setTier(i == 1 ? Tier.TIER_1 : Tier.DEVELOP)
                    .setCriticalRisk(false).setFormulaVersion("potential-v1").setWeightsVersion(1)
                    .setSourceEventTime(at).setScoredAt(at)
                    .build())).get();
        }
        return this;
    }

    OrgBooks policy(String team, int version, boolean regional, double maxMoveFraction) throws Exception {
        policies.send(new ProducerRecord<>(Topics.TEAM_POLICIES.name(), team, TeamPolicy.newBuilder()
                .setTeam(team).setVersion(version).setRegional(regional).setBalanceTolerance(0.01)
                .setMaxMoveFraction(maxMoveFraction).setOnLeave(OnLeavePolicy.KEEP_BOOK).setKeepLocksOnLeave(true)
                .setPublishedBy("ops").setPublishedAt(at).build())).get();
        return this;
    }

    @Override
    public void close() {
        cdc.close();
        scored.close();
        policies.close();
    }
}
