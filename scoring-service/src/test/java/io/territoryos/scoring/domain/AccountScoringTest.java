package io.territoryos.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.territoryos.scoring.domain.Accounts.seed;
import static org.assertj.core.api.Assertions.assertThat;

class AccountScoringTest {

    private static final SourcePosition CRM = new SourcePosition("crm.accounts", 2, 41);
    private static final SourcePosition WEIGHTS = new SourcePosition("config.scoring-weights", 0, 7);
    private static final Weights V0 = Weights.defaults();
    private static final Weights V1 = new Weights(1, PotentialFormula.VERSION, 1, 0, 0, 0, 0,
            50_000, 250_000, 1_000_000, 0.5, 0.6, 100_000, 0.5, 1.5, "test", 1_700_000_100_000L);

    private static AccountScore published() {
        return AccountScoring.onChange(null, seed(), V0, CRM, 1_000L, 2_000L).orElseThrow();
    }

    @Test
    void shouldScoreFirstSightingWithItsProvenance() {
        AccountScore score = published();

        assertThat(score.score().potential()).isEqualTo(350_000.0);
        assertThat(score.weightsVersion()).isZero();
        assertThat(score.formulaVersion()).isEqualTo("potential-v1");
        assertThat(score.sourceEventTime()).isEqualTo(1_000L);
        assertThat(score.scoredAt()).isEqualTo(2_000L);
        assertThat(score.eventId()).isEqualTo("A-1/crm.accounts-2@41/w0");
    }

    @Test
    void shouldNotRepublishWhenTheInputsAreTheSame() {
        assertThat(AccountScoring.onChange(published(), seed(), V0, new SourcePosition("crm.accounts", 2, 42), 1_500L, 3_000L))
                .isEmpty();
    }

    @Test
    void shouldRepublishOwnerChangeEvenThoughTheScoreIsTheSame() {
        Optional<AccountScore> next = AccountScoring.onChange(published(), Accounts.withOwner(seed(), "R-2"), V0, CRM, 1_500L, 3_000L);

        assertThat(next).hasValueSatisfying(s -> {
            assertThat(s.inputs().ownerRepId()).isEqualTo("R-2");
            assertThat(s.score()).isEqualTo(published().score());
        });
    }

    @Test
    void shouldRepublishUnchangedInputsUnderANewWeightsVersion() {
        assertThat(AccountScoring.onChange(published(), seed(), V1, CRM, 1_500L, 3_000L))
                .hasValueSatisfying(s -> assertThat(s.weightsVersion()).isEqualTo(1));
    }

    @Test
    void shouldRescoreUnderNewVersionWithItsPublicationAsSourceEventTime() {
        AccountScore rescored = AccountScoring.onWeights(published(), V1, WEIGHTS, 5_000L).orElseThrow();

        assertThat(rescored.weightsVersion()).isEqualTo(1);
        assertThat(rescored.score().score()).isEqualTo(50.0); // fit only, icp_fit 50
        assertThat(rescored.sourceEventTime()).isEqualTo(V1.publishedAt());
        assertThat(rescored.eventId()).isEqualTo("A-1/config.scoring-weights-0@7/w1");
        assertThat(AccountScoring.onWeights(rescored, V1, WEIGHTS, 6_000L)).isEmpty();
    }
}
