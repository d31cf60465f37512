package io.territoryos.optimizer.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's solve gets time by the size of its book, within the limit set. */
class RebalanceOptionsScaleTest {

    private final RebalanceOptions options = RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(20));

    @Test
    void shouldGiveOneSecondPerThousandAccountsAtLeastOneAndAtMostTheLimit() {
        Duration perThousand = Duration.ofSeconds(1);

        assertThat(options.scaledTo(300, perThousand).timeLimit()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.scaledTo(1_000, perThousand).timeLimit()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.scaledTo(10_000, perThousand).timeLimit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.scaledTo(12_500, perThousand).timeLimit()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(options.scaledTo(100_000, perThousand).timeLimit()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldKeepTheLimitWhenNotScaled() {
        assertThat(options.scaledTo(300, Duration.ZERO)).isSameAs(options);
        assertThat(options.scaledTo(300, Duration.ZERO).timeLimit()).isEqualTo(Duration.ofSeconds(20));
    }
}
