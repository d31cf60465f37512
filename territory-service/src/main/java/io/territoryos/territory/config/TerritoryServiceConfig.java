package io.territoryos.territory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.territoryos.territory.streams.TerritoryTopologyConfig;

import java.time.Duration;
import java.util.Optional;

/** The service's own knobs ({@code territory.*}); topic names default to the catalogue's. */
@ConfigMapping(prefix = "territory")
public interface TerritoryServiceConfig {

    /** Key every change of the organisation is aggregated under. */
    @WithDefault(TerritoryTopologyConfig.DEFAULT_ORG_ID)
    String orgId();

    /** PERSISTENT (RocksDB) or IN_MEMORY state stores; both are restored from changelog topics. */
    @WithDefault("PERSISTENT")
    TerritoryTopologyConfig.StateStores stateStores();

    TopicNames topics();

    Aggregation aggregation();

    Health health();

    Mongo mongo();

    History history();

    /** Input and output topic names; empty = the name in {@code io.territoryos.contracts.Topics}. */
    interface TopicNames {
        Optional<String> accountsScored();

        /** A Debezium connector names it {@code <prefix>.<schema>.<table>}; its dead letters go to {@code <name>.dlq}. */
        Optional<String> crmReps();

        Optional<String> segmentStats();

        Optional<String> territoryHealth();

        Optional<String> teamBalance();

        /** Compacted table of rep id → team key this service writes and reads back as a global store. */
        Optional<String> repTeams();
    }

    /** How the territories are spread and how often their figures are published. */
    interface Aggregation {
        /** Partitions of the team-keyed internal topics: at most this many instances share the aggregation. */
        @WithDefault("4")
        int partitions();

        /**
         * Window over which a territory's health and a team's balance are coalesced: at most one record each per
         * window, with the latest figures. Keep it at or below the commit interval.
         */
        @WithDefault("50ms")
        Duration publishInterval();
    }

    /** PRODUCT.md section 5 constants. */
    interface Health {
        @WithDefault("0.15")
        double saveRate();

        @WithDefault("3.0")
        double structuralCoverage();

        @WithDefault("2000")
        double workingHours();

        @WithDefault("80")
        double trainingHours();

        @WithDefault("240")
        double adminHours();

        @WithDefault("80")
        double recoveryHours();

        @WithDefault("0.25")
        double rampLagShare();
    }

    interface Mongo {
        @WithDefault("mongodb://localhost:27017")
        String uri();

        @WithDefault("territory_os")
        String database();
    }

    /** The consumer that copies territory.health and team.balance into MongoDB. */
    interface History {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("territory-service-history")
        String groupId();

        /**
         * The instance's static member id (KIP-345); the recorder joins as {@code <id>-history}, so a restart takes
         * its partitions back without waiting out the killed process's session. Empty: a dynamic member.
         */
        Optional<String> instanceId();

        /** At most one history point per rep or team per this step, its last state in it; PT0S keeps every record. */
        @WithDefault("PT1S")
        Duration resolution();

        /** Every point (at the resolution) of this recent period is kept. */
        @WithDefault("P1D")
        Duration fullDetail();

        /** After the full-detail period, one point per rep or team per minute until this age. */
        @WithDefault("P7D")
        Duration minutelyUntil();

        /** After the minutely period, one point per rep or team per hour until this age, then one per day. */
        @WithDefault("P30D")
        Duration hourlyUntil();

        /** How often the retention job thins the history (the first run a minute after start). */
        @WithDefault("PT1H")
        Duration retentionInterval();
    }
}
