package io.territoryos.scoring.streams;

import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.AccountScoring;
import io.territoryos.scoring.domain.AccountStatus;
import io.territoryos.scoring.domain.Segment;
import io.territoryos.scoring.domain.SourcePosition;
import io.territoryos.scoring.domain.Weights;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryFormatsTest {

    private static final SourcePosition SOURCE = new SourcePosition("crm.accounts", 3, 1_234_567_890_123L);

    private static AccountInputs full() {
        return new AccountInputs("A-1", "Acme — Ünïcode", "R-7", Segment.ENTERPRISE, "EMEA", "Retail",
                AccountStatus.CUSTOMER, true, 1_234_567.89, 250_000, 0.75, 0.61, 88.5, 0.35, 1_699_000_000_123L,
                LocalDate.of(2027, 2, 28));
    }

    private static AccountInputs sparse() {
        return new AccountInputs("A-2", null, null, Segment.SMB, null, null, AccountStatus.PROSPECT, false,
                0, 0, 1, 0, 50, 0.5, null, null);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void shouldRestoreAccountScoreExactlyWithAndWithoutOptionalFields() {
        for (AccountInputs inputs : new AccountInputs[]{full(), sparse()}) {
            AccountScore score = AccountScoring.onChange(null, inputs, Weights.defaults(), SOURCE, 42L, 43L).orElseThrow();

            assertThat(roundTrip(BinaryFormats.accountScores(), score)).isEqualTo(score);
        }
    }

    @Test
    void shouldRestoreEveryKindOfTextExactly() {
        // the reader's ASCII fast path must hand everything else to the exact modified-UTF-8 decoder
        for (String name : new String[]{"", "plain ascii", "Zürich", "nul \u0000 inside", "emoji \uD83D\uDE00", "\u00ff\u0080", "x".repeat(5_000)}) {
            AccountInputs inputs = new AccountInputs("A-" + name.length(), name, "R-" + name, Segment.SMB, name, null,
                    AccountStatus.CUSTOMER, false, 1, 2, 0.5, 0.5, 50, 0.5, null, null);
            AccountScore score = AccountScoring.onChange(null, inputs, Weights.defaults(), SOURCE, 1L, 2L).orElseThrow();

            assertThat(roundTrip(BinaryFormats.accountScores(), score)).isEqualTo(score);
        }
    }

    @Test
    void shouldRefuseATruncatedRecordInsteadOfMisreadingIt() {
        AccountScore score = AccountScoring.onChange(null, full(), Weights.defaults(), SOURCE, 42L, 43L).orElseThrow();
        byte[] bytes = BinaryFormats.accountScores().serializer().serialize("t", score);

        for (int length : new int[]{1, 2, 10, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> BinaryFormats.accountScores().deserializer().deserialize("t", cut))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void shouldCarryEveryKindOfScoringInput() {
        Weights weights = new Weights(7, "potential-v1", 0.2, 0.2, 0.2, 0.2, 0.2, 1, 2, 3, 0.4, 0.7, 5_000,
                0.8, 1.2, null, 1_700_000_000_000L);
        ScoringInput[] inputs = {
                new ScoringInput.AccountChanged(full(), SOURCE, 99L),
                new ScoringInput.AccountChanged(sparse(), SOURCE, 0L),
                new ScoringInput.AccountRemoved("A-3", SOURCE, 100L),
                new ScoringInput.WeightsPublished(weights, new SourcePosition("config.scoring-weights", 0, 4))};

        for (ScoringInput input : inputs) {
            assertThat(roundTrip(BinaryFormats.scoringInputs(), input)).isEqualTo(input);
        }
    }

    @Test
    void shouldTakeLessThanHalfTheBytesOfJson() {
        AccountScore score = AccountScoring.onChange(null, full(), Weights.defaults(), SOURCE, 42L, 43L).orElseThrow();

        int binary = BinaryFormats.accountScores().serializer().serialize("t", score).length;
        int json = JsonSerde.of(AccountScore.class).serializer().serialize("t", score).length;
        assertThat(binary).isLessThan(json / 2);
    }

    @Test
    void shouldRefuseAFormatItDoesNotKnowInsteadOfMisreadingIt() {
        byte[] bytes = BinaryFormats.accountScores().serializer()
                .serialize("t", AccountScoring.onChange(null, sparse(), Weights.defaults(), SOURCE, 1L, 2L).orElseThrow());
        bytes[0] = 9;

        assertThatThrownBy(() -> BinaryFormats.accountScores().deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasRootCauseMessage("unknown format 9 (this version reads format 1)");
    }

    @Test
    void shouldPassNullThroughForTombstones() {
        assertThat(BinaryFormats.accountScores().serializer().serialize("t", null)).isNull();
        assertThat(BinaryFormats.scoringInputs().deserializer().deserialize("t", null)).isNull();
    }
}
