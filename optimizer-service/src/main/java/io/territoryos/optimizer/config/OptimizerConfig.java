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
        /**
         * Disruption budget of the what-if simulations. Proposals take the budget of the team's policy
         * (config.team-policies, else 0.15), or the command's own.
         */
        @WithDefault("0.15")
        double maxMoveFraction();

        /** Time limit of one solve: the most any team's solve gets. */
        @WithDefault("PT20S")
        Duration timeLimit();

        /**
         * A team's solve gets this much per 1,000 accounts in its scope, at least 1 s, at most {@link #timeLimit()}
         * (PT0S: always the full limit), so that a small team's proposal is not held for a limit sized for the largest.
         */
        @WithDefault("PT1S")
        Duration timePerThousandAccounts();

        /** CP-SAT workers of one solve; capped so that concurrent solves × workers stays within the cores. */
        @WithDefault("2")
        int workers();

        /** Commands solved at the same time; 0 (the default) = one per available processor. */
        @WithDefault("0")
        int concurrentSolves();

        /** Commands taken from Kafka and not yet answered, above which the consumer waits for the solvers. */
        @WithDefault("100")
        int queueCapacity();

        /** First wait before a command whose solve failed for the infrastructure's sake (MongoDB, Kafka) is retried. */
        @WithDefault("PT1S")
        Duration retryBackoff();

        /** The retry wait doubles up to this. */
        @WithDefault("PT1M")
        Duration maxRetryBackoff();

        /** The balance stage stops once every rep is within this share of target (the least-disruption stage keeps each team's tolerance). */
        @WithDefault("0.009")
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
