package io.territoryos.territory.persistence;

/** Where a record sits on its topic: the natural id of everything written from it. */
public record SourcePosition(int partition, long offset) {

    public String id(String subject) {
        return subject + "@" + partition + ":" + offset;
    }
}
