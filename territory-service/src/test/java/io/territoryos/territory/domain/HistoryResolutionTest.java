package io.territoryos.territory.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryResolutionTest {

    private final HistoryResolution perSecond = new HistoryResolution(Duration.ofSeconds(1));

    @Test
    void shouldPutEveryInstantOfASecondInThatSecondsStep() {
        assertThat(perSecond.stepOf(Instant.parse("2026-03-01T10:00:00.000Z"))).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(perSecond.stepOf(Instant.parse("2026-03-01T10:00:00.999Z"))).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(perSecond.stepOf(Instant.parse("2026-03-01T10:00:01.000Z"))).isEqualTo(Instant.parse("2026-03-01T10:00:01Z"));
    }

    @Test
    void shouldCountStepsFromTheEpochSoThatInstantsBeforeItRoundDown() {
        HistoryResolution perMinute = new HistoryResolution(Duration.ofMinutes(1));

        assertThat(perMinute.stepOf(Instant.parse("1969-12-31T23:59:30Z"))).isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
        assertThat(perMinute.stepOf(Instant.parse("2026-03-01T10:17:59.999Z"))).isEqualTo(Instant.parse("2026-03-01T10:17:00Z"));
    }

    @Test
    void shouldKeepEveryRecordAtResolutionZero() {
        Instant at = Instant.parse("2026-03-01T10:00:00.123Z");

        assertThat(HistoryResolution.EVERY_RECORD.keepsEveryRecord()).isTrue();
        assertThat(HistoryResolution.EVERY_RECORD.stepOf(at)).isEqualTo(at);
        assertThat(perSecond.keepsEveryRecord()).isFalse();
    }

    @Test
    void shouldRefuseANegativeOrSubMillisecondStep() {
        assertThatThrownBy(() -> new HistoryResolution(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryResolution(Duration.ofNanos(500))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("milliseconds");
    }
}
