package io.territoryos.contracts;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.serde.AvroSerdes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final int PRODUCER_MAX_REQUEST_SIZE = 1_048_576;

    @Test
    void shouldCopyASmallRecordWhole() {
        byte[] value = "{oops".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.of("scoring-service", "crm.accounts", 2, 41L, "k".getBytes(StandardCharsets.UTF_8),
                value, "PARSE", "not JSON", NOW);

        assertThat(letter.getTruncated()).isFalse();
        assertThat(DeadLetters.originalValue(letter)).isEqualTo(value);
        assertThat(letter.getOriginalValueSize()).isEqualTo(5);
        assertThat(letter.getOriginalKeySize()).isEqualTo(1);
        assertThat(letter.getReason()).isEqualTo("not JSON");
        assertThat(letter.getOriginalValueSha256()).isEqualTo(sha256(value));
    }

    @Test
    void shouldCutAValueAtTheBrokersLimitSoThatTheLetterStillFitsAndSaySo() throws Exception {
        byte[] value = new byte[1_048_400]; // what the broker took, and what became a 1,048,971-byte letter before
        Arrays.fill(value, (byte) 'x');
        byte[] key = "{\"account_id\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetter letter = DeadLetters.of("scoring-service", "crm.accounts", 0, 7L, key, value, "PARSE",
                "r".repeat(50_000), NOW);
        byte[] serialized = AvroSerdes.binary(DeadLetter.class).serializer().serialize("crm.accounts.dlq", letter);

        assertThat(letter.getTruncated()).isTrue();
        assertThat(letter.getOriginalValueSize()).isEqualTo(1_048_400);
        assertThat(letter.getOriginalValueSha256()).isEqualTo(sha256(value));
        assertThat(DeadLetters.originalValue(letter)).hasSize(DeadLetters.DEFAULT_MAX_ORIGINAL_BYTES - key.length);
        assertThat(letter.getOriginalKey().remaining()).isEqualTo(key.length);
        assertThat(letter.getReason()).hasSizeLessThan(2_200).contains("original truncated").contains("1048400 bytes");
        assertThat(serialized.length).isLessThan(PRODUCER_MAX_REQUEST_SIZE - 100_000);
    }

    @Test
    void shouldHonourASmallerBound() {
        DeadLetter letter = DeadLetters.of("s", "t", 0, 0L, new byte[10], new byte[100], "PARSE", "big", NOW, 50);

        assertThat(letter.getOriginalKey().remaining()).isEqualTo(10);
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(40);
        assertThat(letter.getTruncated()).isTrue();
    }

    @Test
    void shouldKeyALetterByTheSourceKeyAndLeaveAKeylessOneKeyless() {
        assertThat(DeadLetters.key("{\"rep_id\":\"R-1\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"rep_id\":\"R-1\"}");
        assertThat(DeadLetters.key(null)).isNull();
        assertThat(DeadLetters.key(new byte[0])).isNull();
        byte[] huge = new byte[100_000];
        assertThat(DeadLetters.key(huge)).isEqualTo("sha256:" + sha256(huge));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldLowerTheBoundToAnEighthOfARefusedLetterAndNeverRaiseIt() {
        LetterBound bound = new LetterBound(900_000);

        assertThat(bound.lowerAfterRefusal(899_971)).isEqualTo(112_496);
        assertThat(bound.lowerAfterRefusal(8_000_000)).as("a larger refused letter does not raise it").isEqualTo(112_495);
        assertThat(bound.lowerAfterRefusal(100)).isEqualTo(12);
        assertThat(new LetterBound(1).lowerAfterRefusal(500)).isZero();
        assertThat(new LetterBound(0).lowerAfterRefusal(500)).as("nothing left to cut").isEqualTo(-1);
    }
}
