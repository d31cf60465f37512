package io.territoryos.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The optimizer's own knobs (PRODUCT.md section 7); every one has a default and an environment variable. */
@ConfigMapping(prefix = "optimizer")
public interface OptimizerConfig {

    /** Kafka bootstrap servers. */
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** Name of the CDC topic of reps (a Debezium connector names it {@code <prefix>.<schema>.<table>}). */
    @WithDefault("crm.reps")
    String repsTopic();

    Mongo mongo();

    Solver solver();

    WhatIf whatIf();

    interface Mongo {
        @WithDefault("mongodb://localhost:27017")
        String uri();

        @WithDefault("territory_os")
        String database();
    }

    interface Solver {
        /** Disruption budget: share of the movable accounts that may leave an active owner. */
        @WithDefault("0.15")
        double maxMoveFraction();

        /** Time limit of one solve. */
        @WithDefault("PT20S")
        Duration timeLimit();

        /** CP-SAT workers; capped at the machine's cores. */
        @WithDefault("2")
        int workers();

        /** Stop searching once every rep is within this share of their target (and no worse than the greedy). */
        @WithDefault("0.005")
        double balanceTolerance();

        /** How long a command waits for the book view to catch up with the topics. */
        @WithDefault("PT60S")
        Duration snapshotTimeout();
    }

    interface WhatIf {
        /**
         * Win rate by segment (SMB, MID_MARKET, ENTERPRISE) for the projected yield of a what-if; a segment not
         * set keeps the default of PRODUCT.md section 5 (0.30, 0.25, 0.20).
         */
        Map<String, Double> winRate();
    }
}
