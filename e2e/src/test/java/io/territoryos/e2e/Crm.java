package io.territoryos.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.OnLeavePolicy;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CRM and the scoring service as the trigger and optimizer services see them: reps as Debezium JSON on
 * crm.reps, accounts as scored Avro on accounts.scored (a tombstone when one is deleted), team policies and
 * scoring weights as Avro configuration. It remembers what it published, so an owner change or a re-score
 * republishes the account as it is with one field changed. Every send waits for its ack.
 */
final class Crm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> cdc;
    private final KafkaProducer<String, ScoredAccount> scored;
    private final KafkaProducer<String, TeamPolicy> policies;
    private final KafkaProducer<String, ScoringWeights> weights;
    private final Map<String, ScoredAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Double> quotas = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    Crm(String bootstrapServers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.cdc = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.scored = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer());
        this.policies = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.valueSerde(TeamPolicy.class, Map.of()).serializer());
        this.weights = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).serializer());
    }

    Crm rep(String id, String team, Segment segment, String region, RepStatus status, double quota) throws Exception {
        CrmRep rep = new CrmRep(id, "Rep " + id, status, Motion.NEW_BUSINESS, segment, region, team, quota, 50, null);
        boolean known = quotas.put(id, quota) != null;
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("before", null);
        envelope.put("after", rep.toRow());
        envelope.put("op", known ? "u" : "r");
        envelope.put("ts_ms", Instant.now().toEpochMilli());
        cdc.send(new ProducerRecord<>(Topics.CRM_REPS.name(),
                ("{\"rep_id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(envelope))).get();
        return this;
    }

    double quota(String repId) {
        return quotas.get(repId);
    }

    /** A scored account; ids ending in -1 are TIER_1, the others DEVELOP. */
    Crm account(String id, String owner, Segment segment, String region, double potential, boolean locked) throws Exception {
        Instant now = Instant.now();
        publish(ScoredAccount.newBuilder()
                .setEventId(id).setAccountId(id).setName("Account " + id).setOwnerRepId(owner)
                .setSegment(segment).setRegion(region).setIndustry("Software")
                .setStatus(owner == null ? AccountStatus.PROSPECT : AccountStatus.CUSTOMER).setLocked(locked)
                .setCurrentArr(potential / 2).setWhitespaceArr(potential / 2).setBuyingCapacity(1).setRenewalRisk(0)
                .setIcpFit(50).setPropensity(0.5)
                .setRetainedArr(potential / 2).setRealizableWhitespace(potential / 2).setFitMultiplier(1)
                .setPotential(potential).setScore(60).setTier(id.endsWith("-1") ? Tier.TIER_1 : Tier.DEVELOP)
                .setCriticalRisk(false).setFormulaVersion("potential-v1").setWeightsVersion(1)
                .setSourceEventTime(now).setScoredAt(now)
                .build());
        return this;
    }

    /** The CRM changed the account's owner (a manager, or an approved proposal written back). */
    void assign(String accountId, String owner) throws Exception {
        publish(ScoredAccount.newBuilder(current(accountId)).setOwnerRepId(owner).build());
    }

    /** The scoring service scored the account again, to a new potential. */
    void rescore(String accountId, double potential) throws Exception {
        publish(ScoredAccount.newBuilder(current(accountId)).setPotential(potential)
                .setCurrentArr(potential / 2).setWhitespaceArr(potential / 2)
                .setRetainedArr(potential / 2).setRealizableWhitespace(potential / 2).build());
    }

    /** The account was deleted in the CRM: a tombstone. */
    void delete(String accountId) throws Exception {
        current(accountId);
        accounts.remove(accountId);
        scored.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), accountId, null)).get();
    }

    /** The accounts a rep owns now, by id. */
    List<String> ownedBy(String repId) {
        return accounts.values().stream().filter(a -> repId.equals(a.getOwnerRepId()))
                .map(ScoredAccount::getAccountId).sorted().toList();
    }

    double potential(String accountId) {
        return current(accountId).getPotential();
    }

    Crm policy(String team, int version, boolean regional, double maxMoveFraction) throws Exception {
        policies.send(new ProducerRecord<>(Topics.TEAM_POLICIES.name(), team, TeamPolicy.newBuilder()
                .setTeam(team).setVersion(version).setRegional(regional).setBalanceTolerance(0.01)
                .setMaxMoveFraction(maxMoveFraction).setOnLeave(OnLeavePolicy.KEEP_BOOK).setKeepLocksOnLeave(true)
                .setPublishedBy("ops").setPublishedAt(Instant.now()).build())).get();
        return this;
    }

    /** A weights version in which fit and expansion trade {@code fitWeight - 0.30} between them. */
    Crm weights(int version, double fitWeight) throws Exception {
        ScoringWeights published = ScoringWeights.newBuilder().setVersion(version).setFitWeight(fitWeight)
                .setExpansionWeight(0.55 - fitWeight).setPublishedBy("ops").setPublishedAt(Instant.now()).build();
        weights.send(new ProducerRecord<>(Topics.SCORING_WEIGHTS.name(), published.getFormulaVersion(), published)).get();
        return this;
    }

    private ScoredAccount current(String accountId) {
        ScoredAccount account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("the CRM has no account " + accountId);
        }
        return account;
    }

    private void publish(ScoredAccount account) throws Exception {
        Instant now = Instant.now();
        ScoredAccount next = ScoredAccount.newBuilder(account)
                .setEventId(account.getAccountId() + ":" + sequence.incrementAndGet())
                .setSourceEventTime(now).setScoredAt(now).build();
        accounts.put(next.getAccountId(), next);
        scored.send(new ProducerRecord<>(Topics.ACCOUNTS_SCORED.name(), next.getAccountId(), next)).get();
    }

    @Override
    public void close() {
        cdc.close();
        scored.close();
        policies.close();
        weights.close();
    }
}
