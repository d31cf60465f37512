package io.territoryos.scoring.domain;

/** Where an input record sits in its topic; part of every output's event id, so replays give the same ids. */
public record SourcePosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
