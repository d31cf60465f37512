package io.territoryos.demo.messaging;

/** What one publish did: records (of which tombstones), bytes, and the rate. */
public record PublishReport(String label, long records, long tombstones, long bytes, long elapsedMs) {

    public double recordsPerSecond() {
        return elapsedMs == 0 ? records * 1000.0 : records * 1000.0 / elapsedMs;
    }

    @Override
    public String toString() {
        return String.format("%s: %,d records (%,d tombstones, %,.1f MB) in %.1f s, %,.0f records/s",
                label, records, tombstones, bytes / 1e6, elapsedMs / 1000.0, recordsPerSecond());
    }
}
