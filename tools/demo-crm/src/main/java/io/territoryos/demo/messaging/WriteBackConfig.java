package io.territoryos.demo.messaging;

import io.territoryos.contracts.Topics;
import io.territoryos.demo.cdc.CdcFormat;

import java.util.Objects;

/**
 * Where the write-back reads and writes: the broker, the CDC format (accounts topic, envelope, decimals) of the
 * updates it emits, the topic of approved owner changes and its consumer group.
 */
public record WriteBackConfig(String bootstrapServers, CdcFormat format, String assignmentsTopic, String groupId) {

    public static final String DEFAULT_GROUP_ID = "demo-crm-writeback";

    public WriteBackConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(assignmentsTopic, "assignmentsTopic");
        Objects.requireNonNull(groupId, "groupId");
    }

    /** territory.assignments, group {@value #DEFAULT_GROUP_ID}. */
    public static WriteBackConfig of(String bootstrapServers, CdcFormat format) {
        return new WriteBackConfig(bootstrapServers, format, Topics.TERRITORY_ASSIGNMENTS.name(), DEFAULT_GROUP_ID);
    }
}
