package io.territoryos.trigger.config;

import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.trigger.domain.CoverageAlertRule;
import io.territoryos.trigger.domain.DriftRule;
import io.territoryos.trigger.domain.IcpWeightsChangedRule;
import io.territoryos.trigger.domain.InactiveAccountAlertRule;
import io.territoryos.trigger.domain.LockExpiryAlertRule;
import io.territoryos.trigger.domain.NewMarketRule;
import io.territoryos.trigger.domain.RepExitRule;
import io.territoryos.trigger.domain.StructuralUnderperformanceAlertRule;
import io.territoryos.trigger.domain.TriggerSettings;
import io.territoryos.trigger.domain.WhaleChurnRule;
import io.territoryos.trigger.streams.TriggerTopologyConfig;
import org.eclipse.microprofile.config.Config;

import java.util.Map;

/** Turns the service's configuration into the plain records the topology takes. */
public final class TopologyConfigs {

    public static TriggerTopologyConfig from(TriggerConfig c) {
        TriggerTopologyConfig.TopicNames d = TriggerTopologyConfig.TopicNames.defaults();
        TriggerConfig.TopicNames t = c.topics();
        TriggerTopologyConfig.TopicNames topics = new TriggerTopologyConfig.TopicNames(
                t.reps().orElse(d.reps()), t.repsDeadLetters().orElse(d.repsDeadLetters()),
                t.accountsScored().orElse(d.accountsScored()), t.territoryHealth().orElse(d.territoryHealth()),
                t.teamBalance().orElse(d.teamBalance()), t.scoringWeights().orElse(d.scoringWeights()),
                t.teamPolicies().orElse(d.teamPolicies()),
                t.rebalanceCommands().orElse(d.rebalanceCommands()), t.territoryAlerts().orElse(d.territoryAlerts()));
        TriggerConfig.Alerts a = c.alerts();
        TriggerSettings rules = new TriggerSettings(
                new RepExitRule.Settings(c.repExit().enabled(), c.repExit().deleteIsExit(), c.repExit().cooldown()),
                new WhaleChurnRule.Settings(c.whaleChurn().enabled(), c.whaleChurn().shareThreshold(),
                        c.whaleChurn().minPotential(), c.whaleChurn().cooldown()),
                new NewMarketRule.Settings(c.newMarket().enabled(), c.newMarket().minAccounts(), c.newMarket().cooldown()),
                new DriftRule.Settings(c.drift().enabled(), c.drift().cvThreshold(), c.drift().minReps(), c.drift().cooldown()),
                new IcpWeightsChangedRule.Settings(c.icpWeights().enabled(), c.icpWeights().weightDeltaThreshold(),
                        c.icpWeights().cooldown()),
                new CoverageAlertRule.Settings(a.coverage().enabled(), a.coverage().threshold()),
                new StructuralUnderperformanceAlertRule.Settings(a.structural().enabled()),
                new InactiveAccountAlertRule.Settings(a.inactive().enabled(), a.inactive().inactivity()),
                new LockExpiryAlertRule.Settings(a.lockExpiry().enabled(), a.lockExpiry().inactivity()));
        return new TriggerTopologyConfig(topics, rules, a.settle(), a.checkInterval(), a.inactivityScanInterval(),
                c.dedupeRetention());
    }

    /** Every {@code apicurio.*} property, for the Apicurio serde (none: schemas from the compiled catalogue). */
    public static Map<String, Object> apicurio(Config config) {
        return AvroSerdes.registrySettings(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    private TopologyConfigs() {
    }
}
