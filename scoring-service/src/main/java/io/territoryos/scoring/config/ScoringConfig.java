package io.territoryos.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.territoryos.scoring.streams.ScoringTopologyConfig;

import java.time.Duration;
import java.util.Optional;

/** The scoring service's own knobs ({@code scoring.*}); topic names default to the catalogue's. */
@ConfigMapping(prefix = "scoring")
public interface ScoringConfig {

    TopicsConfig topics();

    RescoreConfig rescore();

    InputConfig input();

    interface TopicsConfig {
        /** Debezium account changes; the CDC connector chooses the name. Dead letters go to {@code <name>.dlq}. */
        Optional<String> accounts();
    }

    interface RescoreConfig {
        /** Accounts re-scored per task per step after a weights change (one step = one transaction). */
        @WithDefault("5000")
        int batchSize();

        /** Pause between two re-scoring steps of a task. */
        @WithDefault("PT0.02S")
        Duration interval();
    }

    interface InputConfig {
        /**
         * {@code as-delivered} (default): score each change in the task of the CDC partition it arrived on (Debezium
         * keys every change of a row by its primary key, so an account's changes share a partition); measured 0.29x ->
         * 0.38x of the raw broker rate against re-keying, with a third less CPU per event (docs/benchmarks.md).
         * {@code by-account-id}: re-key every change through an internal topic first, for a feed whose key bytes for
         * one account can change (a key converter switched mid-stream, keys written by hand).
         * Changing it needs an application reset.
         */
        @WithDefault("as-delivered")
        PlacementMode placement();

        /** How long start-up waits for the accounts topic to exist, to learn its partition count. */
        @WithDefault("PT2M")
        Duration topicWait();
    }

    enum PlacementMode {
        AS_DELIVERED, BY_ACCOUNT_ID
    }

    /** The topology's configuration; {@code accountsPartitions} is the accounts topic's real partition count. */
    default ScoringTopologyConfig topology(int accountsPartitions) {
        ScoringTopologyConfig.Placement placement = input().placement() == PlacementMode.AS_DELIVERED
                ? new ScoringTopologyConfig.AsDelivered(accountsPartitions)
                : new ScoringTopologyConfig.ByAccountId();
        return topology().withPlacement(placement);
    }

    default ScoringTopologyConfig topology() {
        ScoringTopologyConfig config = ScoringTopologyConfig.defaults()
                .withRescorePacing(rescore().batchSize(), rescore().interval());
        return topics().accounts().map(config::withAccountsTopic).orElse(config);
    }
}
