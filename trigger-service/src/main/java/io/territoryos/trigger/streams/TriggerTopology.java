package io.territoryos.trigger.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.contracts.streams.ContractInput;
import io.territoryos.trigger.domain.TriggerRules;
import io.territoryos.trigger.mapping.AvroMapping;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Reads CRM reps (Debezium), scored accounts, territory health, team balance, scoring weights and team policies;
 * writes rebalance commands (keyed by team), territory alerts and dead letters ({@code <input>.dlq}). In between:
 * each input is turned into facts in its own partitions (accounts remember their potential, territories their alert
 * spells), and every fact goes through one single-partition topic to the rule hub, which sees reps, teams, policies
 * and markets whole and applies the five triggers, their cooldowns and replay protection; a command a cooldown holds
 * becomes an alert. Every input is read as bytes and decoded here, so a record that cannot be read becomes a dead
 * letter in the same transaction instead of a log line.
 */
public final class TriggerTopology {

    /** Name of the internal topic to the hub: {@code <application.id>-hub-repartition}. */
    public static final String HUB = "hub";

    public static Topology build(TriggerTopologyConfig config, TriggerSerdes serdes) {
        return build(config, serdes, TriggerListener.NONE);
    }

    public static Topology build(TriggerTopologyConfig config, TriggerSerdes serdes, TriggerListener listener) {
        TriggerTopologyConfig.TopicNames topics = config.topics();
        TriggerRules rules = new TriggerRules(config.rules());
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, Emission> reps = builder
                .stream(topics.reps(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("crm-reps"))
                .process(() -> new RepDecoder(listener), Named.as("decode-reps"));

        ContractInput contracts = new ContractInput(builder, serdes.deadLetter(), AvroMapping.SERVICE, listener::deadLetter);

        KStream<String, Emission> accounts = contracts
                .stream(topics.accountsScored(), ScoredAccount.class, serdes.scoredAccount(), "accounts-scored",
                        AvroMapping::account)
                .process(AccountProcessor.supplier(rules, config.inactivityScanInterval(), listener), Named.as("account-changes"));

        KStream<String, Emission> territories = contracts
                .stream(topics.territoryHealth(), TerritoryHealth.class, serdes.territoryHealth(), "territory-health",
                        AvroMapping::territory)
                .process(TerritoryProcessor.supplier(rules, config.alertSettle(), config.alertCheckInterval(), listener),
                        Named.as("territory-alerts"));

        KStream<String, Emission> balances = contracts
                .stream(topics.teamBalance(), TeamBalance.class, serdes.teamBalance(), "team-balance", AvroMapping::balance)
                .filter((team, balance) -> balance != null, Named.as("balance-present"))
                .mapValues(balance -> Emission.hub(HubEvent.balance(balance)), Named.as("balance-facts"));

        KStream<String, Emission> weights = contracts
                .stream(topics.scoringWeights(), ScoringWeights.class, serdes.scoringWeights(), "scoring-weights",
                        AvroMapping::weights)
                .filter((formula, version) -> version != null, Named.as("weights-present"))
                .mapValues(version -> Emission.hub(HubEvent.weights(version)), Named.as("weights-facts"));

        // a tombstone puts the team back to the defaults (not regional)
        KStream<String, Emission> policies = contracts
                .stream(topics.teamPolicies(), TeamPolicy.class, serdes.teamPolicy(), "team-policies", AvroMapping::policy)
                .filter((team, policy) -> team != null || policy != null, Named.as("policy-keyed"))
                .mapValues((team, policy) -> Emission.hub(policy != null ? HubEvent.policy(policy)
                        : HubEvent.policyDeleted(team)), Named.as("policy-facts"));

        reps.merge(accounts, Named.as("merge-accounts"))
                .merge(territories, Named.as("merge-territories"))
                .merge(balances, Named.as("merge-balances"))
                .merge(weights, Named.as("merge-weights"))
                .merge(policies, Named.as("merge-policies"))
                .split(Named.as("route-"))
                .branch((key, e) -> e.deadLetter() != null, Branched.withConsumer(deadLetters -> deadLetters
                        .mapValues(Emission::deadLetter, Named.as("dead-letter"))
                        .to(topics.repsDeadLetters(), Produced.<String, DeadLetter>with(Serdes.String(), serdes.deadLetter())
                                .withName("reps-dead-letters")), "dead-letters"))
                .branch((key, e) -> e.alert() != null, Branched.withConsumer(alerts -> alerts
                        .mapValues(e -> AvroMapping.alert(e.alert()), Named.as("alert-avro"))
                        .to(topics.territoryAlerts(), Produced.with(Serdes.String(), serdes.territoryAlert())
                                .withName("territory-alerts-out")), "alerts"))
                .branch((key, e) -> e.hub() != null, Branched.withConsumer(facts -> facts
                        .mapValues(Emission::hub, Named.as("hub-event"))
                        // binary: every territory and balance record trigger reads crosses it (JSON was a sixth of the
                        // thread during a re-score); JSON still on the topic from before reads as well
                        .repartition(Repartitioned.<String, HubEvent>as(HUB)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(RecordSerde.of(HubEvent.class))
                                .withNumberOfPartitions(1))
                        .process(TriggerHub.supplier(rules, config.dedupeRetention(), config.alertSettle(), config.alertCheckInterval(), listener), Named.as("trigger-rules"))
                        .split(Named.as("decided-"))
                        .branch((key, out) -> out.command() != null, Branched.withConsumer(commands -> commands
                                .mapValues(HubOutput::command, Named.as("command"))
                                .to(topics.rebalanceCommands(), Produced.with(Serdes.String(), serdes.rebalanceCommand())
                                        .withName("rebalance-commands-out")), "commands"))
                        // a command held by its cooldown is an alert like the others, on the same topic
                        .branch((key, out) -> out.alert() != null, Branched.withConsumer(suppressed -> suppressed
                                .mapValues(out -> AvroMapping.alert(out.alert()), Named.as("suppressed-alert-avro"))
                                .to(topics.territoryAlerts(), Produced.with(Serdes.String(), serdes.territoryAlert())
                                        .withName("suppressed-alerts-out")), "suppressed"))
                        .noDefaultBranch(), "facts"))
                .noDefaultBranch();

        return builder.build();
    }

    private TriggerTopology() {
    }
}
