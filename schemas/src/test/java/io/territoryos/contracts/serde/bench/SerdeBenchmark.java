package io.territoryos.contracts.serde.bench;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.contracts.serde.RecordSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialize + deserialize round trips per second of one {@link ScoredAccount}, single-threaded, for plain Avro
 * binary, the Apicurio serde with Apicurio's own {@link DefaultAvroDatumProvider} (which fingerprints the schema on
 * every record), and the serde as {@link AvroSerdes#valueSerde} configures it; then a store's internal records (an
 * account's contribution, a territory's sums) in {@link JsonSerde} against {@link RecordSerde}. Not a test: run it by hand on a quiet
 * machine and compare the ratios of one run (the variants take turns, so load from other processes hits them alike).
 *
 * <pre>
 * ./mvnw -B -q -o -pl schemas dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/schemas.cp
 * java -cp "schemas/target/test-classes:schemas/target/classes:$(cat /tmp/schemas.cp)" \
 *      io.territoryos.contracts.serde.bench.SerdeBenchmark [roundTripsPerRound=200000] [rounds=5]
 * </pre>
 */
public final class SerdeBenchmark {

    private static final String TOPIC = Topics.ACCOUNTS_SCORED.name();

    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;

        Map<String, Serde<ScoredAccount>> variants = new LinkedHashMap<>();
        variants.put("plain Avro binary (no frame)", AvroSerdes.binary(ScoredAccount.class));
        variants.put("Apicurio serde, DefaultAvroDatumProvider", AvroSerdes.valueSerde(ScoredAccount.class,
                Map.of(AvroSerdeConfig.AVRO_DATUM_PROVIDER, DefaultAvroDatumProvider.class.getName())));
        variants.put("Apicurio serde, AvroSerdes.valueSerde", AvroSerdes.valueSerde(ScoredAccount.class, Map.of()));

        ScoredAccount account = scoredAccount();
        Map<String, double[]> rates = new LinkedHashMap<>();
        variants.forEach((name, serde) -> {
            roundTrips(serde, account, perRound); // warm-up: JIT, resolver caches
            rates.put(name, new double[rounds]);
        });
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Serde<ScoredAccount>> variant : variants.entrySet()) {
                long start = System.nanoTime();
                long checksum = roundTrips(variant.getValue(), account, perRound);
                long elapsed = System.nanoTime() - start;
                if (checksum != perRound * (long) account.getCurrentArr()) {
                    throw new IllegalStateException(variant.getKey() + " did not read back what it wrote");
                }
                rates.get(variant.getKey())[round] = perRound * 1e9 / elapsed;
            }
        }

        double plain = median(rates.values().iterator().next());
        System.out.printf("%-42s %14s %12s %10s%n", "ScoredAccount, serialize+deserialize", "round trips/s", "us/trip", "vs plain");
        rates.forEach((name, perRoundRates) -> {
            double median = median(perRoundRates);
            System.out.printf("%-42s %,14.0f %12.2f %9.2fx%n", name, median, 1e6 / median, median / plain);
        });
        System.out.printf("(median of %d rounds x %,d round trips, single thread)%n", rounds, perRound);

        internalRecords(perRound, rounds);
    }

    /** An account's contribution, as territory-service stores it (same component types). */
    record Contribution(String accountId, String ownerRepId, long potentialCents, long arrCents, long whitespaceCents,
                        Tier tier, boolean criticalRisk, int weightsVersion) {
    }

    /** A territory's sums, as territory-service stores them (same component types). */
    record Sums(String repId, int accountCount, long potentialCents, long arrCents, long whitespaceCents,
                int tier1Count, int developCount, int quickWinCount, int deprioritizeCount,
                int criticalCount, long criticalArrCents, long criticalPotentialCents, Integer weightsVersion) {
    }

    /** The stores' records: JSON (the former format, the baseline of the same run) against RecordSerde's binary. */
    private static void internalRecords(int perRound, int rounds) {
        Contribution contribution = new Contribution("acc-000042", "rep-0007", 13_420_000L, 12_000_000L, 8_000_000L,
                Tier.TIER_1, false, 3);
        Sums sums = new Sums("rep-0007", 2_500, 3_355_000_000L, 3_000_000_000L, 2_000_000_000L, 400, 900, 700, 500, 37,
                44_400_000L, 49_654_000L, 3);
        Map<String, Serde<?>> variants = new LinkedHashMap<>();
        variants.put("Contribution, JsonSerde", JsonSerde.of(Contribution.class));
        variants.put("Contribution, RecordSerde", RecordSerde.of(Contribution.class));
        variants.put("Sums, JsonSerde", JsonSerde.of(Sums.class));
        variants.put("Sums, RecordSerde", RecordSerde.of(Sums.class));
        Map<String, double[]> rates = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        variants.forEach((name, serde) -> {
            Object sample = name.startsWith("Sums") ? sums : contribution;
            sizes.put(name, sizes(serde, sample));
            recordRoundTrips(serde, sample, perRound);
            rates.put(name, new double[rounds]);
        });
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Serde<?>> variant : variants.entrySet()) {
                Object sample = variant.getKey().startsWith("Sums") ? sums : contribution;
                long start = System.nanoTime();
                recordRoundTrips(variant.getValue(), sample, perRound);
                rates.get(variant.getKey())[round] = perRound * 1e9 / (System.nanoTime() - start);
            }
        }
        System.out.printf("%n%-42s %14s %12s %8s %10s%n", "internal record, serialize+deserialize", "round trips/s", "us/trip",
                "bytes", "vs JSON");
        double json = 0;
        for (Map.Entry<String, double[]> entry : rates.entrySet()) {
            double median = median(entry.getValue());
            json = entry.getKey().endsWith("JsonSerde") ? median : json;
            System.out.printf("%-42s %,14.0f %12.2f %8d %9.2fx%n", entry.getKey(), median, 1e6 / median,
                    sizes.get(entry.getKey()), median / json);
        }
    }

    @SuppressWarnings("unchecked")
    private static int sizes(Serde<?> serde, Object sample) {
        return ((Serializer<Object>) serde.serializer()).serialize(TOPIC, sample).length;
    }

    @SuppressWarnings("unchecked")
    private static void recordRoundTrips(Serde<?> serde, Object sample, int count) {
        Serializer<Object> serializer = (Serializer<Object>) serde.serializer();
        Deserializer<?> deserializer = serde.deserializer();
        for (int i = 0; i < count; i++) {
            if (!sample.equals(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, sample)))) {
                throw new IllegalStateException(serde + " did not read back what it wrote");
            }
        }
    }

    private static long roundTrips(Serde<ScoredAccount> serde, ScoredAccount account, int count) {
        Serializer<ScoredAccount> serializer = serde.serializer();
        Deserializer<ScoredAccount> deserializer = serde.deserializer();
        long checksum = 0;
        for (int i = 0; i < count; i++) {
            byte[] bytes = serializer.serialize(TOPIC, account);
            checksum += (long) deserializer.deserialize(TOPIC, bytes).getCurrentArr();
        }
        return checksum;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static ScoredAccount scoredAccount() {
        Instant t0 = Instant.parse("2025-03-01T10:15:30.123Z");
        return ScoredAccount.newBuilder()
                .setEventId("evt-1").setAccountId("acc-42").setName("Acme GmbH").setOwnerRepId("rep-7")
                .setSegment(Segment.MID_MARKET).setRegion("DACH").setIndustry("Manufacturing")
                .setStatus(AccountStatus.CUSTOMER).setLocked(false).setCurrentArr(120_000).setWhitespaceArr(80_000)
                .setBuyingCapacity(200_000).setRenewalRisk(0.25).setIcpFit(0.8).setPropensity(0.4)
                .setRetainedArr(90_000).setRealizableWhitespace(32_000).setFitMultiplier(1.1).setPotential(134_200)
                .setScore(71.5).setTier(Tier.TIER_1).setCriticalRisk(false).setFormulaVersion("v1")
                .setWeightsVersion(3).setLastActivityAt(t0.minusSeconds(86_400)).setRenewalDate(LocalDate.of(2025, 9, 30))
                .setSourceEventTime(t0).setScoredAt(t0.plusMillis(5))
                .build();
    }

    private SerdeBenchmark() {
    }
}
