package io.territoryos.e2e.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic corpus of malformed CDC records (issue 12, bad-input drill): bad JSON, wrong types, missing and null
 * required fields, null and empty keys, out-of-range values, unknown ops and enum values, oversized values near the
 * broker's limit, binary garbage and schema-incompatible (registry-framed Avro of another type, unknown content id)
 * payloads, on crm.accounts and crm.reps. Same seed and size, same bytes. Every record's id is {@code BAD-…}, so no
 * valid account or rep is touched if one got through. Each entry names what its dead letter's reason must mention.
 */
public final class BadInputCorpus {

    /** One malformed record and the word its dead letter's reason must contain (case-insensitive). */
    public record Entry(String topic, byte[] key, byte[] value, String category, String expect) {
        public boolean registryFramed() {
            return value != null && value.length > 0 && value[0] == 0;
        }

        @Override
        public String toString() {
            return category + " on " + topic + " (expects '" + expect + "', " + (value == null ? "null" : value.length) + " bytes)";
        }
    }

    /** Value bytes of an oversized entry: under the broker's default message.max.bytes (1,048,588) with its key and framing. */
    public static final int OVERSIZED_VALUE_BYTES = 1_040_000;
    /** Every this many entries, one is oversized (10 of a 10,000 corpus: 10 MB). */
    static final int OVERSIZED_EVERY = 1_000;

    static final String[] ACCOUNT_NUMBERS = {"current_arr", "whitespace_arr", "buying_capacity", "renewal_risk", "icp_fit", "propensity"};
    private static final String[][] OUT_OF_RANGE = {{"renewal_risk", "1.7"}, {"buying_capacity", "-0.1"}, {"icp_fit", "150"},
            {"propensity", "2.5"}, {"current_arr", "-5"}, {"whitespace_arr", "-1"}};
    private static final String[] ACCOUNT_CATEGORIES = {"truncated-json", "not-json", "not-an-envelope", "wrong-type-number",
            "wrong-type-boolean", "wrong-type-date", "missing-required", "null-required", "missing-enum", "null-key",
            "empty-key", "out-of-range", "unknown-op", "update-without-after", "unknown-enum", "binary-garbage",
            "avro-of-another-type", "avro-unknown-schema", "empty-value", "keyless-tombstone"};
    private static final String[] REP_CATEGORIES = {"truncated-json", "missing-quota", "null-quota", "unknown-status",
            "missing-motion", "null-key", "binary-garbage", "unknown-op", "wrong-type-quota"};

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DebeziumEventWriter cdc = new DebeziumEventWriter(CdcFormat.defaults());
    private final long seed;

    public BadInputCorpus(long seed) {
        this.seed = seed;
    }

    /** {@code size} malformed records; one in five is a rep, the rest accounts. */
    public List<Entry> generate(int size) {
        List<Entry> entries = new ArrayList<>(size);
        Random random = new Random(seed);
        int accounts = 0;
        int reps = 0;
        for (int i = 0; i < size; i++) {
            if (i % OVERSIZED_EVERY == OVERSIZED_EVERY - 1) {
                entries.add(oversized(i, random));
            } else if (i % 5 == 4) {
                entries.add(rep(i, REP_CATEGORIES[reps++ % REP_CATEGORIES.length], random));
            } else {
                entries.add(account(i, ACCOUNT_CATEGORIES[accounts++ % ACCOUNT_CATEGORIES.length], random));
            }
        }
        return entries;
    }

    static CrmAccount template(String id, int i) {
        return new CrmAccount(id, "Bad " + i, Segment.MID_MARKET, "Software", "NA-EAST", "US", null, null,
                AccountStatus.CUSTOMER, 100_000 + i, 250_000, 0.8, 0.2, 50, 0.5, CrmAccount.ProcurementStage.NONE,
                "BAD-OWNER", false, null, LocalDate.of(2027, 6, 30));
    }

    private Entry account(int i, String category, Random random) {
        String id = String.format("BAD-A-%05d", i);
        CdcRecord good = cdc.account(ChangeOp.UPDATE, template(id, i), 1_767_600_000_000L + i);
        String topic = Topics.CRM_ACCOUNTS.name();
        byte[] key = good.key();
        int pick = i / ACCOUNT_CATEGORIES.length;
        switch (category) {
            case "truncated-json":
                return new Entry(topic, key, Arrays.copyOf(good.value(), good.value().length / 2 + pick % 50), category, "JSON");
            case "not-json":
                return new Entry(topic, key, ("account " + id + " changed, see attachment").getBytes(StandardCharsets.UTF_8), category, "JSON");
            case "not-an-envelope":
                return new Entry(topic, key, ("{\"hello\":\"world\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), category, "envelope");
            case "wrong-type-number": {
                String field = ACCOUNT_NUMBERS[pick % ACCOUNT_NUMBERS.length];
                return new Entry(topic, key, mutate(good, after -> after.put(field, "lots")), category, field);
            }
            case "wrong-type-boolean":
                return new Entry(topic, key, mutate(good, after -> after.put("locked", "maybe")), category, "locked");
            case "wrong-type-date":
                return new Entry(topic, key, mutate(good, after -> after.put("renewal_date", "next spring")), category, "renewal_date");
            case "missing-required": {
                String field = ACCOUNT_NUMBERS[pick % ACCOUNT_NUMBERS.length];
                return new Entry(topic, key, mutate(good, after -> after.remove(field)), category, field);
            }
            case "null-required": {
                String field = ACCOUNT_NUMBERS[pick % ACCOUNT_NUMBERS.length];
                return new Entry(topic, key, mutate(good, after -> after.putNull(field)), category, field);
            }
            case "missing-enum": {
                String field = pick % 2 == 0 ? "segment" : "status";
                return new Entry(topic, key, mutate(good, after -> after.remove(field)), category, field);
            }
            case "null-key":
                return new Entry(topic, null, good.value(), category, "key");
            case "empty-key":
                return new Entry(topic, new byte[0], good.value(), category, "key");
            case "out-of-range": {
                String[] range = OUT_OF_RANGE[pick % OUT_OF_RANGE.length];
                return new Entry(topic, key, mutate(good, after -> after.put(range[0], Double.parseDouble(range[1]))), category, range[0]);
            }
            case "unknown-op":
                return new Entry(topic, key, mutateEnvelope(good, envelope -> envelope.put("op", "x")), category, "op");
            case "update-without-after":
                return new Entry(topic, key, mutateEnvelope(good, envelope -> envelope.putNull("after")), category, "after");
            case "unknown-enum": {
                String field = pick % 2 == 0 ? "segment" : "status";
                return new Entry(topic, key, mutate(good, after -> after.put(field, "GALACTIC")), category, field);
            }
            case "binary-garbage":
                return new Entry(topic, key, garbage(random, 16 + random.nextInt(2_000)), category, "JSON");
            case "avro-of-another-type":
                return new Entry(topic, key, scoredAccountAvro(id, i), category, "envelope");
            case "avro-unknown-schema": {
                byte[] value = new byte[64];
                random.nextBytes(value);
                ByteBuffer.wrap(value).put((byte) 0).putInt(0x7ff00000 + i);
                return new Entry(topic, key, value, category, "content id");
            }
            case "empty-value":
                return new Entry(topic, key, new byte[0], category, "empty");
            case "keyless-tombstone":
                return new Entry(topic, null, null, category, "key");
            default:
                throw new IllegalStateException(category);
        }
    }

    private Entry rep(int i, String category, Random random) {
        String id = String.format("BAD-R-%05d", i);
        CrmRep rep = new CrmRep(id, "Bad rep " + i, RepStatus.ACTIVE, Motion.NEW_BUSINESS, Segment.MID_MARKET, "NA-EAST",
                "bad-team", 1_000_000, 60, LocalDate.of(2025, 1, 1));
        CdcRecord good = cdc.rep(ChangeOp.UPDATE, rep, 1_767_600_000_000L + i);
        String topic = Topics.CRM_REPS.name();
        byte[] key = good.key();
        return switch (category) {
            case "truncated-json" -> new Entry(topic, key, Arrays.copyOf(good.value(), good.value().length / 2), category, "JSON");
            case "missing-quota" -> new Entry(topic, key, mutate(good, after -> after.remove("quota")), category, "quota");
            case "null-quota" -> new Entry(topic, key, mutate(good, after -> after.putNull("quota")), category, "quota");
            case "unknown-status" -> new Entry(topic, key, mutate(good, after -> after.put("status", "VANISHED")), category, "status");
            case "missing-motion" -> new Entry(topic, key, mutate(good, after -> after.remove("motion")), category, "motion");
            case "null-key" -> new Entry(topic, null, good.value(), category, "key");
            case "binary-garbage" -> new Entry(topic, key, garbage(random, 16 + random.nextInt(500)), category, "JSON");
            case "unknown-op" -> new Entry(topic, key, mutateEnvelope(good, envelope -> envelope.put("op", "z")), category, "op");
            case "wrong-type-quota" -> new Entry(topic, key, mutate(good, after -> after.put("quota", "a lot")), category, "quota");
            default -> throw new IllegalStateException(category);
        };
    }

    /** A well-formed envelope of ~1 MB whose row breaks a range: a letter that must be cut to fit, and say so. */
    private Entry oversized(int i, Random random) {
        String id = String.format("BAD-A-%05d", i);
        CdcRecord good = cdc.account(ChangeOp.UPDATE, template(id, i), 1_767_600_000_000L + i);
        byte[] value = padded(good, after -> after.put("renewal_risk", 9.0), OVERSIZED_VALUE_BYTES);
        return new Entry(Topics.CRM_ACCOUNTS.name(), good.key(), value, "oversized", "renewal_risk");
    }

    /** The record's envelope with {@code change} applied to its row and a {@code padding} column making it {@code size} bytes. */
    static byte[] padded(CdcRecord record, java.util.function.Consumer<ObjectNode> change, int size) {
        byte[] base = mutate(record, change);
        int pad = size - base.length - "\"padding\":\"\",".length();
        if (pad < 0) {
            throw new IllegalArgumentException("size " + size + " is below the record's own " + base.length);
        }
        char[] filler = new char[pad];
        Arrays.fill(filler, 'x');
        byte[] out = mutate(record, after -> {
            change.accept(after);
            after.put("padding", new String(filler));
        });
        if (out.length != size) { // the padding column's framing was estimated: correct it once
            int delta = size - out.length;
            char[] corrected = new char[pad + delta];
            Arrays.fill(corrected, 'x');
            out = mutate(record, after -> {
                change.accept(after);
                after.put("padding", new String(corrected));
            });
        }
        return out;
    }

    static byte[] mutate(CdcRecord record, java.util.function.Consumer<ObjectNode> change) {
        return mutateEnvelope(record, envelope -> change.accept((ObjectNode) envelope.get("after")));
    }

    static byte[] mutateEnvelope(CdcRecord record, java.util.function.Consumer<ObjectNode> change) {
        try {
            JsonNode tree = JSON.readTree(record.value());
            ObjectNode envelope = (ObjectNode) (tree.has("payload") ? tree.get("payload") : tree);
            change.accept(envelope);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Random bytes that are neither JSON nor registry-framed nor a byte-order mark: the first is a UTF-8 continuation
     * byte (0x80..0xBF), the second never zero (no UTF-16/32 pattern for the JSON reader to guess).
     */
    private static byte[] garbage(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        bytes[0] = (byte) (0x80 | (bytes[0] & 0x3f));
        bytes[1] = (byte) (bytes[1] | 1);
        return bytes;
    }

    /** A correct ScoredAccount in the registry frame: valid Avro, the wrong contract for a CDC topic. */
    private static byte[] scoredAccountAvro(String id, int i) {
        ScoredAccount scored = ScoredAccount.newBuilder()
                .setEventId(id + "/bad@" + i).setAccountId(id).setName("Bad " + i).setOwnerRepId("BAD-OWNER")
                .setSegment(Segment.MID_MARKET).setRegion("NA-EAST").setIndustry("Software").setStatus(AccountStatus.CUSTOMER)
                .setLocked(false).setCurrentArr(1).setWhitespaceArr(1).setBuyingCapacity(0.5).setRenewalRisk(0.1)
                .setIcpFit(50).setPropensity(0.5).setRetainedArr(1).setRealizableWhitespace(1).setFitMultiplier(1)
                .setPotential(1).setScore(1).setTier(Tier.DEPRIORITIZE).setCriticalRisk(false).setFormulaVersion("potential-v1")
                .setWeightsVersion(1).setLastActivityAt(null).setRenewalDate(null)
                .setSourceEventTime(Instant.ofEpochMilli(1_767_600_000_000L)).setScoredAt(Instant.ofEpochMilli(1_767_600_000_000L))
                .build();
        return AvroSerdes.valueSerde(ScoredAccount.class, Map.of()).serializer().serialize(Topics.ACCOUNTS_SCORED.name(), scored);
    }
}
