package io.territoryos.trigger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Our own knobs (prefix {@code trigger}); every default is PRODUCT.md section 6's number. */
@ConfigMapping(prefix = "trigger")
public interface TriggerConfig {

    /** Topic names; unset ones fall back to the catalogue (io.territoryos.contracts.Topics). */
    TopicNames topics();

    RepExit repExit();

    WhaleChurn whaleChurn();

    NewMarket newMarket();

    Drift drift();

    IcpWeights icpWeights();

    Alerts alerts();

    /** How long (event time) emitted command ids are kept to drop replays. */
    @WithDefault("P30D")
    Duration dedupeRetention();

    interface TopicNames {
        Optional<String> reps();

        Optional<String> repsDeadLetters();

        Optional<String> accountsScored();

        Optional<String> territoryHealth();

        Optional<String> teamBalance();

        Optional<String> scoringWeights();

        Optional<String> teamPolicies();

        Optional<String> rebalanceCommands();

        Optional<String> territoryAlerts();
    }

    interface RepExit {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("true")
        boolean deleteIsExit();

        @WithDefault("PT0S")
        Duration cooldown();
    }

    interface WhaleChurn {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.10")
        double shareThreshold();

        @WithDefault("0")
        double minPotential();

        @WithDefault("PT1H")
        Duration cooldown();
    }

    /** Whether a rep covers a market outside their region is their team's policy (config.team-policies), not a knob. */
    interface NewMarket {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1")
        int minAccounts();

        @WithDefault("PT24H")
        Duration cooldown();
    }

    interface Drift {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.30")
        double cvThreshold();

        @WithDefault("2")
        int minReps();

        @WithDefault("PT24H")
        Duration cooldown();
    }

    interface IcpWeights {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.05")
        double weightDeltaThreshold();

        @WithDefault("PT0S")
        Duration cooldown();
    }

    interface Alerts {
        Coverage coverage();

        Toggle structural();

        InactiveAccount inactive();

        LockExpiry lockExpiry();

        /** Quiet period (wall clock) of a territory before its alerts are raised; 0 raises at once. */
        @WithDefault("PT10S")
        Duration settle();

        @WithDefault("PT5S")
        Duration checkInterval();

        /** How often (stream time) accounts are checked for inactivity. */
        @WithDefault("PT1H")
        Duration inactivityScanInterval();
    }

    interface Coverage {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("3.0")
        double threshold();
    }

    interface Toggle {
        @WithDefault("true")
        boolean enabled();
    }

    interface InactiveAccount {
        @WithDefault("true")
        boolean enabled();

        /** Time without activity at which an owned account is a return-to-pool candidate. */
        @WithDefault("P120D")
        Duration inactivity();
    }

    interface LockExpiry {
        @WithDefault("true")
        boolean enabled();

        /** Time without activity at which a locked account is a carve-out expiry candidate. */
        @WithDefault("P90D")
        Duration inactivity();
    }
}
