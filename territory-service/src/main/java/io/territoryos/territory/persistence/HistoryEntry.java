package io.territoryos.territory.persistence;

import org.bson.Document;

import java.time.Instant;

/**
 * One published record to keep: the rep or team it is about, the time it speaks for, where it came from, and
 * its fields.
 */
public record HistoryEntry(String subject, Instant at, SourcePosition position, Document fields) {
}
