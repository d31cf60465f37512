package io.territoryos.territory.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much territory history is kept: every point of the last {@code fullDetail}, then the last point of each subject
 * (rep or team) per minute until {@code minutelyUntil}, per hour until {@code hourlyUntil}, then the last point per
 * day. The last point of a period is the state the subject ended it in, so "as of" answers stay right to the period;
 * only the changes within it go.
 */
public record HistoryRetention(Duration fullDetail, Duration minutelyUntil, Duration hourlyUntil) {

    /** One stored point: its document id, whose history it is, when, and its topic position (the tie-break). */
    public record Point(String id, String subject, Instant at, long partition, long offset) {
    }

    private static final Comparator<Point> LATEST_LAST = Comparator.comparing(Point::at)
            .thenComparingLong(Point::partition).thenComparingLong(Point::offset);

    public HistoryRetention {
        if (fullDetail.isNegative() || minutelyUntil.compareTo(fullDetail) < 0 || hourlyUntil.compareTo(minutelyUntil) < 0) {
            throw new IllegalArgumentException("retention needs 0 <= full detail (" + fullDetail + ") <= minutely until ("
                    + minutelyUntil + ") <= hourly until (" + hourlyUntil + ")");
        }
    }

    /** Points older than this may be thinned; anything newer is kept whole. */
    public Instant thinnedBefore(Instant now) {
        return now.minus(fullDetail);
    }

    /** The ids of the points to delete so that what remains follows the policy; points may come in any order. */
    public List<String> toDelete(Instant now, List<Point> points) {
        Instant fullDetailFrom = now.minus(fullDetail);
        Instant minutelyFrom = now.minus(minutelyUntil);
        Instant hourlyFrom = now.minus(hourlyUntil);
        Map<String, Point> keptPerBucket = new HashMap<>();
        List<String> deleted = new ArrayList<>();
        for (Point point : points) {
            if (!point.at().isBefore(fullDetailFrom)) {
                continue;
            }
            ChronoUnit unit = point.at().isBefore(hourlyFrom) ? ChronoUnit.DAYS
                    : point.at().isBefore(minutelyFrom) ? ChronoUnit.HOURS : ChronoUnit.MINUTES;
            String bucket = point.subject() + "|" + unit + "|" + point.at().truncatedTo(unit);
            Point kept = keptPerBucket.get(bucket);
            if (kept == null) {
                keptPerBucket.put(bucket, point);
            } else if (LATEST_LAST.compare(point, kept) > 0) {
                deleted.add(kept.id());
                keptPerBucket.put(bucket, point);
            } else {
                deleted.add(point.id());
            }
        }
        return deleted;
    }
}
