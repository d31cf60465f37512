package io.territoryos.contracts;

import io.territoryos.contracts.avro.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Builds the {@link DeadLetter} every service writes for a record it cannot use: the original bytes, the reason, the
 * class of failure and where the record came from, so it can be replayed once the cause is fixed. The one place that
 * does: a letter never outgrows what the broker accepts (an oversized original is cut, said so, sized and hashed),
 * because a letter that cannot be written would stop the stream it was meant to keep going.
 */
public final class DeadLetters {

    /** Error type of a configuration version that breaks a rule (not newer, out of range). */
    public static final String INVALID_CONFIG = "INVALID_CONFIG";

    /** System property (or env {@code DEAD_LETTER_MAX_ORIGINAL_BYTES}) bounding the original bytes a letter copies. */
    public static final String MAX_ORIGINAL_BYTES_PROPERTY = "territory.dead-letters.max-original-bytes";
    /**
     * Key and value bytes copied at most: the producer's default {@code max.request.size} is 1,048,576 bytes, and a
     * letter adds its reason, topic names, the record framing and the batch header on top of the copy.
     */
    public static final int DEFAULT_MAX_ORIGINAL_BYTES = 900_000;
    /** A reason is a sentence, not a payload: a hostile record must not make it the oversized part. */
    static final int MAX_REASON_CHARS = 2_000;
    /** A letter's own key above this is replaced by the hash of the source key. */
    static final int MAX_LETTER_KEY_CHARS = 4_096;

    /** This JVM's bound, for every dead-letter topic: configured at start, lowered when a topic refuses a letter. */
    private static final LetterBound BOUND = new LetterBound(configuredMaxOriginalBytes());

    public static DeadLetter of(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                String errorType, String reason, Instant failedAt) {
        return of(service, topic, partition, offset, key, value, errorType, reason, failedAt, BOUND.bytes());
    }

    /** @param maxOriginalBytes key and value bytes copied at most, key first (keys are small; values are not) */
    public static DeadLetter of(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                String errorType, String reason, Instant failedAt, int maxOriginalBytes) {
        int keyKept = key == null ? 0 : Math.min(key.length, maxOriginalBytes);
        int valueKept = value == null ? 0 : Math.min(value.length, maxOriginalBytes - keyKept);
        boolean truncated = (key != null && keyKept < key.length) || (value != null && valueKept < value.length);
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key, 0, keyKept).slice())
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value, 0, valueKept).slice())
                .setReason(reason(reason, truncated, key, value))
                .setErrorType(errorType)
                .setService(service)
                .setFailedAt(failedAt)
                .setTruncated(truncated)
                .setOriginalKeySize(key == null ? null : key.length)
                .setOriginalValueSize(value == null ? null : value.length)
                .setOriginalValueSha256(value == null ? null : sha256(value))
                .build();
    }

    /**
     * The key a letter is written under: the source record's key as text, so that one entity's letters stay together
     * and sit where its records do; null for a keyless record (its position is in the letter). An absurdly long key
     * is replaced by its hash so that the letter still fits.
     */
    public static String key(byte[] sourceKey) {
        if (sourceKey == null || sourceKey.length == 0) {
            return null;
        }
        return sourceKey.length > MAX_LETTER_KEY_CHARS ? "sha256:" + sha256(sourceKey)
                : new String(sourceKey, StandardCharsets.UTF_8);
    }

    /**
     * The bound in force: {@value #MAX_ORIGINAL_BYTES_PROPERTY}, else the environment, else the default, lowered
     * since if a dead-letter topic refused a letter.
     */
    public static LetterBound bound() {
        return BOUND;
    }

    static int configuredMaxOriginalBytes() {
        String configured = System.getProperty(MAX_ORIGINAL_BYTES_PROPERTY, System.getenv("DEAD_LETTER_MAX_ORIGINAL_BYTES"));
        if (configured == null || configured.isBlank()) {
            return DEFAULT_MAX_ORIGINAL_BYTES;
        }
        int bytes = Integer.parseInt(configured.trim());
        if (bytes < 1) {
            throw new IllegalArgumentException(MAX_ORIGINAL_BYTES_PROPERTY + " must be at least 1, not " + bytes);
        }
        return bytes;
    }

    private static String reason(String reason, boolean truncated, byte[] key, byte[] value) {
        String text = reason == null || reason.isBlank() ? "no reason given" : reason;
        if (text.length() > MAX_REASON_CHARS) {
            text = text.substring(0, MAX_REASON_CHARS - 3) + "...";
        }
        if (truncated) {
            text += " (original truncated: key " + (key == null ? 0 : key.length) + " bytes, value "
                    + (value == null ? 0 : value.length) + " bytes)";
        }
        return text;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The copied original value, for tests and tools: the bytes the letter holds. */
    public static byte[] originalValue(DeadLetter letter) {
        ByteBuffer value = letter.getOriginalValue();
        if (value == null) {
            return null;
        }
        ByteBuffer copy = value.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private DeadLetters() {
    }
}
