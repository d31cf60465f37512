package io.territoryos.territory.domain;

import io.territoryos.territory.domain.HistoryRetention.Point;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryRetentionTest {

    private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    private final HistoryRetention retention = new HistoryRetention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30));
    private final HistoryRetention withMinutes = new HistoryRetention(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));

    private static Point point(String id, String subject, String at, long offset) {
        return new Point(id, subject, Instant.parse(at), 0, offset);
    }

    @Test
    void shouldKeepEveryPointOfTheRecentDays() {
        List<Point> recent = List.of(point("a", "R-1", "2026-03-30T10:00:01Z", 1), point("b", "R-1", "2026-03-30T10:00:02Z", 2),
                point("c", "R-1", "2026-03-25T10:00:00Z", 3));

        assertThat(retention.toDelete(NOW, recent)).isEmpty();
    }

    @Test
    void shouldKeepTheLastPointPerRepAndHourAfterTheFullDetailDays() {
        List<Point> points = List.of(
                point("late", "R-1", "2026-03-20T10:59:00Z", 3), point("early", "R-1", "2026-03-20T10:01:00Z", 1),
                point("mid", "R-1", "2026-03-20T10:30:00Z", 2), point("next-hour", "R-1", "2026-03-20T11:00:00Z", 4),
                point("other-rep", "R-2", "2026-03-20T10:15:00Z", 5));

        assertThat(retention.toDelete(NOW, points)).containsExactlyInAnyOrder("early", "mid");
    }

    @Test
    void shouldKeepTheLastPointPerRepAndMinuteBetweenTheFullDetailDayAndTheMinutelyDays() {
        List<Point> points = List.of(
                point("10:00:05", "R-1", "2026-03-28T10:00:05Z", 1), point("10:00:59", "R-1", "2026-03-28T10:00:59Z", 2),
                point("10:01:00", "R-1", "2026-03-28T10:01:00Z", 3), point("other-rep", "R-2", "2026-03-28T10:00:30Z", 4),
                point("today-a", "R-1", "2026-03-31T11:00:01Z", 5), point("today-b", "R-1", "2026-03-31T11:00:02Z", 6),
                point("ten-days-a", "R-1", "2026-03-21T10:00:05Z", 7), point("ten-days-b", "R-1", "2026-03-21T10:30:05Z", 8));

        assertThat(withMinutes.toDelete(NOW, points)).containsExactlyInAnyOrder("10:00:05", "ten-days-a");
    }

    @Test
    void shouldKeepTheLastPointPerDayBeyondTheHourlyDays() {
        List<Point> points = List.of(
                point("morning", "TEAM-A", "2026-02-10T08:00:00Z", 1), point("evening", "TEAM-A", "2026-02-10T20:00:00Z", 2),
                point("next-day", "TEAM-A", "2026-02-11T01:00:00Z", 3));

        assertThat(retention.toDelete(NOW, points)).containsExactly("morning");
    }

    @Test
    void shouldBreakATieInTimeByTopicPosition() {
        List<Point> points = List.of(point("second", "R-1", "2026-03-20T10:00:00Z", 8), point("first", "R-1", "2026-03-20T10:00:00Z", 7));

        assertThat(retention.toDelete(NOW, points)).containsExactly("first");
    }

    @Test
    void shouldRefusePeriodsThatDoNotGrowFromFullDetailToMinutelyToHourly() {
        assertThatThrownBy(() -> new HistoryRetention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hourly until (PT24H)");
        assertThatThrownBy(() -> new HistoryRetention(Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minutely until (PT24H)");
        assertThatThrownBy(() -> new HistoryRetention(Duration.ofDays(-1), Duration.ofDays(1), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
