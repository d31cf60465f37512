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

    default ScoringTopologyConfig topology() {
        ScoringTopologyConfig config = ScoringTopologyConfig.defaults()
                .withRescorePacing(rescore().batchSize(), rescore().interval());
        return topics().accounts().map(config::withAccountsTopic).orElse(config);
    }
}
