package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AccountLoss;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.BalanceFacts;
import io.territoryos.trigger.domain.CommandGate;
import io.territoryos.trigger.domain.CommandType;
import io.territoryos.trigger.domain.IcpWeightsChangedRule;
import io.territoryos.trigger.domain.Market;
import io.territoryos.trigger.domain.MarketEntry;
import io.territoryos.trigger.domain.MarketExit;
import io.territoryos.trigger.domain.MarketState;
import io.territoryos.trigger.domain.NewMarketRule;
import io.territoryos.trigger.domain.RepExit;
import io.territoryos.trigger.domain.RepExitRule;
import io.territoryos.trigger.domain.RepFacts;
import io.territoryos.trigger.domain.RepState;
import io.territoryos.trigger.domain.TeamPolicies;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import io.territoryos.trigger.domain.TerritoryFacts;
import io.territoryos.trigger.domain.TriggerCommand;
import io.territoryos.trigger.domain.TriggerRules;
import io.territoryos.trigger.domain.WeightsVersion;
import io.territoryos.trigger.mapping.AvroMapping;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule hub: reads every fact (reps, territory health, team balance, weights, team policies, account losses and
 * market moves) from one single-partition topic, so that rules spanning reps, teams and accounts see one consistent
 * picture, and writes the rebalance commands that pass the gate (no replayed id, no cooldown in force) keyed by team. A command a
 * cooldown holds is never only a metric: the hub sends its alert on (for territory.alerts) and keeps it in the
 * suppressed-commands store, which the API lists; a replay stays silent. Trigger decisions are few and cheap: one
 * task is enough, and it keeps every cooldown (per type and subject) exact.
 */
final class TriggerHub extends ContextualProcessor<String, HubEvent, String, HubOutput> {

    static ProcessorSupplier<String, HubEvent, String, HubOutput> supplier(
            TriggerRules rules, Duration dedupeRetention, Duration settle, Duration checkInterval, TriggerListener listener) {
        return new ProcessorSupplier<>() {
            @Override
            public TriggerHub get() {
                return new TriggerHub(rules, dedupeRetention, settle, checkInterval, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        store(StoreNames.REPS, RepFacts.class),
                        hotStore(StoreNames.TERRITORIES, TerritoryFacts.class),
                        store(StoreNames.MARKETS, MarketState.class),
                        store(StoreNames.WEIGHTS, WeightsVersion.class),
                        store(StoreNames.TEAM_POLICIES, TeamPolicyFacts.class),
                        store(StoreNames.EMITTED_COMMANDS, EmittedCommand.class),
                        store(StoreNames.SUPPRESSED_COMMANDS, SuppressedCommand.class),
                        hotStore(StoreNames.PENDING_DRIFT, BalanceFacts.class),
                        store(StoreNames.REP_EXITS, RepExit.class),
                        store(StoreNames.PENDING_MARKETS, MarketEntry.class),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MARKET_ACCOUNTS),
                                Serdes.String(), Serdes.Double()),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.COOLDOWNS),
                                Serdes.String(), Serdes.Long()));
            }
        };
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), JsonSerde.of(type));
    }

    /**
     * A store written for every territory-health or team-balance record (thousands a second while territory-service
     * publishes a re-score): binary, and cached, so a commit writes each key's last value once to RocksDB and the
     * changelog. JSON it held before still reads.
     */
    private static <V extends java.lang.Record> StoreBuilder<KeyValueStore<String, V>> hotStore(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), RecordSerde.of(type))
                .withCachingEnabled();
    }

    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final TriggerRules rules;
    private final Duration dedupeRetention;
    private final Duration settle;
    private final Duration checkInterval;
    private final TriggerListener listener;
    private KeyValueStore<String, RepFacts> reps;
    private KeyValueStore<String, TerritoryFacts> territories;
    private KeyValueStore<String, MarketState> markets;
    private KeyValueStore<String, WeightsVersion> weights;
    private KeyValueStore<String, TeamPolicyFacts> policyStore;
    private KeyValueStore<String, EmittedCommand> emitted;
    private KeyValueStore<String, SuppressedCommand> suppressed;
    private KeyValueStore<String, Long> cooldowns;
    private KeyValueStore<String, BalanceFacts> pendingDrift;
    private KeyValueStore<String, RepExit> repExits;
    private KeyValueStore<String, MarketEntry> pendingMarkets;
    private KeyValueStore<String, Double> marketAccounts;
    /** Wall-clock time of each pending team's last balance update; after a restart a pending team counts as quiet. */
    private final Map<String, Long> lastBalanceChange = new java.util.HashMap<>();
    /** Wall-clock time of each pending market's last entry; after a restart a pending market counts as quiet. */
    private final Map<String, Long> lastMarketChange = new java.util.HashMap<>();
    /**
     * Wall-clock time of the last rep or team-policy change: a roster still loading may yet bring a market's covering
     * rep, and a policy still loading may yet make a team cover it.
     */
    private long lastRosterChange;
    /** The reps store read once at start: most rules need the whole roster, on every account event. */
    private final Map<String, RepFacts> roster = new TreeMap<>();
    /** The team-policies store read once at start, for NEW_MARKET's coverage on every market entry. */
    private final Map<String, TeamPolicyFacts> policyByTeam = new TreeMap<>();
    private TeamPolicies policies = TeamPolicies.NONE;

    private TriggerHub(TriggerRules rules, Duration dedupeRetention, Duration settle, Duration checkInterval,
                       TriggerListener listener) {
        this.rules = rules;
        this.dedupeRetention = dedupeRetention;
        this.settle = settle;
        this.checkInterval = checkInterval;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, HubOutput> context) {
        super.init(context);
        reps = context.getStateStore(StoreNames.REPS);
        territories = context.getStateStore(StoreNames.TERRITORIES);
        markets = context.getStateStore(StoreNames.MARKETS);
        weights = context.getStateStore(StoreNames.WEIGHTS);
        policyStore = context.getStateStore(StoreNames.TEAM_POLICIES);
        emitted = context.getStateStore(StoreNames.EMITTED_COMMANDS);
        suppressed = context.getStateStore(StoreNames.SUPPRESSED_COMMANDS);
        cooldowns = context.getStateStore(StoreNames.COOLDOWNS);
        pendingDrift = context.getStateStore(StoreNames.PENDING_DRIFT);
        repExits = context.getStateStore(StoreNames.REP_EXITS);
        pendingMarkets = context.getStateStore(StoreNames.PENDING_MARKETS);
        marketAccounts = context.getStateStore(StoreNames.MARKET_ACCOUNTS);
        lastBalanceChange.clear();
        lastMarketChange.clear();
        lastRosterChange = 0L;
        roster.clear();
        try (KeyValueIterator<String, RepFacts> all = reps.all()) {
            all.forEachRemaining(entry -> roster.put(entry.key, entry.value));
        }
        policyByTeam.clear();
        try (KeyValueIterator<String, TeamPolicyFacts> all = policyStore.all()) {
            all.forEachRemaining(entry -> policyByTeam.put(entry.key, entry.value));
        }
        policies = new TeamPolicies(policyByTeam);
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
        if (!settle.isZero()) {
            context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
                evaluateSettledDrift(now);
                evaluateSettledMarkets(now);
            });
        }
    }

    @Override
    public void process(Record<String, HubEvent> record) {
        HubEvent event = record.value();
        if (event == null) {
            return;
        }
        switch (event.kind()) {
            case REP -> onRep(event.rep(), record);
            case REP_DELETED -> onRepDeleted(event.subject(), event.eventTime(), record);
            case TERRITORY -> onTerritory(event.territory(), record);
            case BALANCE -> onBalance(event.balance(), record);
            case WEIGHTS -> onWeights(event.weights(), record);
            case ACCOUNT_LOSS -> onLoss(event.loss(), record);
            case MARKET_ENTRY -> onMarketEntry(event.entry(), record);
            case MARKET_EXIT -> onMarketExit(event.exit());
            case POLICY -> onPolicy(event.policy(), record);
            case POLICY_DELETED -> onPolicyDeleted(event.subject());
        }
    }

    /**
     * A bulk load or a rebalance being applied moves a team's balance through many transient states; drift is
     * judged on the balance the team settles at (quiet for the settle period), not on a half-loaded book.
     */
    private void onBalance(BalanceFacts balance, Record<String, HubEvent> record) {
        if (settle.isZero()) {
            rules.drift().evaluate(balance).ifPresent(c -> publish(c, record.timestamp()));
            return;
        }
        pendingDrift.put(balance.team(), balance);
        lastBalanceChange.put(balance.team(), context().currentSystemTimeMs());
    }

    private void evaluateSettledDrift(long now) {
        List<BalanceFacts> settled = new ArrayList<>();
        try (KeyValueIterator<String, BalanceFacts> all = pendingDrift.all()) {
            all.forEachRemaining(entry -> {
                long lastChange = lastBalanceChange.getOrDefault(entry.key, 0L);
                if (now - lastChange >= settle.toMillis()) {
                    settled.add(entry.value);
                }
            });
        }
        for (BalanceFacts balance : settled) {
            pendingDrift.delete(balance.team());
            lastBalanceChange.remove(balance.team());
            rules.drift().evaluate(balance).ifPresent(c -> publish(c, balance.eventTime()));
        }
    }

    private void onRep(RepFacts after, Record<String, HubEvent> record) {
        RepFacts before = roster.get(after.repId());
        reps.put(after.repId(), after);
        roster.put(after.repId(), after);
        lastRosterChange = context().currentSystemTimeMs();
        if (after.carriesBook()) {
            staffMarketsCoveredBy(after, record.timestamp());
        }
        follow(after.repId(), rules.repExit().onRep(before, after, repExits.get(after.repId()),
                territories.get(after.repId()), roster.values()), record.timestamp());
    }

    private void onRepDeleted(String repId, long eventTime, Record<String, HubEvent> record) {
        RepFacts before = roster.remove(repId);
        reps.delete(repId);
        repExits.delete(repId);
        lastRosterChange = context().currentSystemTimeMs();
        rules.repExit().onDeletion(before, eventTime, territories.get(repId), roster.values())
                .ifPresent(c -> publish(c, record.timestamp()));
    }

    private void onTerritory(TerritoryFacts territory, Record<String, HubEvent> record) {
        territories.put(territory.repId(), territory);
        RepFacts rep = roster.get(territory.repId());
        if (rep != null && rep.state() == RepState.EXITED) {
            follow(rep.repId(), rules.repExit().onTerritory(rep, repExits.get(rep.repId()), territory, roster.values()),
                    record.timestamp());
        }
    }

    /** The exit's new state is stored in the same transaction as the command it may carry. */
    private void follow(String repId, RepExitRule.Outcome outcome, long causeTimestamp) {
        if (outcome.exit() == null) {
            repExits.delete(repId);
        } else {
            repExits.put(repId, outcome.exit());
        }
        outcome.fired().ifPresent(c -> publish(c, causeTimestamp));
    }

    private void onWeights(WeightsVersion next, Record<String, HubEvent> record) {
        WeightsVersion previous = weights.get(next.formulaVersion());
        if (!IcpWeightsChangedRule.isNewer(previous, next)) {
            return; // a replayed or older version
        }
        weights.put(next.formulaVersion(), next);
        rules.icpWeightsChanged().evaluate(previous, next, activeTeams()).forEach(c -> publish(c, record.timestamp()));
    }

    /**
     * A newer policy version for a team (an older or equal one is a replay and ignored). A team that stops being
     * regional may now cover markets that were waiting: they are forgotten like markets a new rep covers. A team that
     * becomes regional may stop covering markets it sold to from other regions: those are judged again, with the
     * accounts already there, as if they had just entered.
     */
    private void onPolicy(TeamPolicyFacts next, Record<String, HubEvent> record) {
        if (next.team() == null || !TeamPolicyFacts.isNewer(policyByTeam.get(next.team()), next)) {
            return;
        }
        boolean becameRegional = next.regional() && !policies.regional(next.team());
        policyStore.put(next.team(), next);
        policyByTeam.put(next.team(), next);
        policiesChanged();
        if (becameRegional) {
            uncoverMarketsOf(next.team(), next.publishedAt(), record.timestamp());
        }
    }

    private void onPolicyDeleted(String team) {
        if (policyByTeam.remove(team) == null) {
            return;
        }
        policyStore.delete(team);
        policiesChanged();
    }

    private void policiesChanged() {
        policies = new TeamPolicies(policyByTeam);
        lastRosterChange = context().currentSystemTimeMs();
        List<String> covered = new ArrayList<>();
        try (KeyValueIterator<String, MarketState> all = markets.all()) {
            all.forEachRemaining(entry -> {
                if (NewMarketRule.covered(new Market(entry.value.segment(), entry.value.region()), roster.values(), policies)) {
                    covered.add(entry.key);
                }
            });
        }
        covered.forEach(this::forgetMarket);
    }

    /**
     * Every market of a segment the team sells to that no rep covers any more becomes a new market with the accounts
     * it holds, at the policy's time (so a replayed policy yields the same command ids). A market already waiting
     * keeps its own state; one that names no region stays covered by any rep of its segment.
     */
    private void uncoverMarketsOf(String team, long eventTime, long causeTimestamp) {
        Set<String> segments = new TreeSet<>();
        roster.values().stream().filter(r -> r.carriesBook() && team.equals(r.team()) && r.segment() != null)
                .forEach(r -> segments.add(r.segment()));
        for (String segment : segments) {
            for (String key : marketKeys(segment)) {
                if (markets.get(key) != null) {
                    continue;
                }
                Market market = marketOf(key);
                if (market.region() == null || NewMarketRule.covered(market, roster.values(), policies)) {
                    continue;
                }
                MarketState state = stateOf(market, eventTime);
                markets.put(key, state);
                var first = state.uncoveredAccounts().entrySet().iterator().next();
                MarketEntry entry = new MarketEntry(first.getKey(), market.segment(), market.region(), first.getValue(),
                        eventTime);
                if (settle.isZero()) {
                    judgeMarket(key, entry, state, causeTimestamp);
                } else {
                    pendingMarkets.put(key, entry);
                    lastMarketChange.put(key, context().currentSystemTimeMs());
                }
            }
        }
    }

    /**
     * The market keys of a segment that hold accounts, read from the market-accounts store by jumping from one market
     * to the next (a key is {@code <market>|<account>}, and no market key holds '|' or '}'), not account by account.
     */
    private List<String> marketKeys(String segment) {
        List<String> keys = new ArrayList<>();
        String prefix = segment + "/";
        String from = prefix;
        while (true) {
            try (KeyValueIterator<String, Double> next = marketAccounts.range(from, null)) {
                if (!next.hasNext()) {
                    return keys;
                }
                String key = next.next().key;
                if (!key.startsWith(prefix)) {
                    return keys;
                }
                String market = key.substring(0, key.indexOf('|'));
                keys.add(market);
                from = market + "}";
            }
        }
    }

    /** The market a {@link Market#key()} names. */
    private static Market marketOf(String key) {
        int slash = key.indexOf('/');
        String region = key.substring(slash + 1);
        return new Market(key.substring(0, slash), "*".equals(region) ? null : region);
    }

    /** A market's accounts as the market-accounts store holds them, as a waiting market's state. */
    private MarketState stateOf(Market market, long firstSeenAt) {
        String prefix = market.key() + "|";
        Map<String, Double> accounts = new TreeMap<>();
        try (KeyValueIterator<String, Double> all = marketAccounts.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(account -> accounts.put(account.key.substring(prefix.length()), account.value));
        }
        return new MarketState(market.segment(), market.region(), accounts, firstSeenAt, null);
    }

    private void onLoss(AccountLoss loss, Record<String, HubEvent> record) {
        if (loss.ownerRepId() == null) {
            return; // an unassigned account belongs to no territory
        }
        rules.whaleChurn().evaluate(loss, territories.get(loss.ownerRepId()), roster.get(loss.ownerRepId()))
                .ifPresent(c -> publish(c, record.timestamp()));
    }

    /**
     * Reps and accounts come from different topics in no guaranteed order, so an account may arrive before the rep
     * who covers it: with a settle period, NEW_MARKET decides only once the market and the roster have both been
     * quiet that long, and checks coverage again then.
     */
    private void onMarketEntry(MarketEntry entry, Record<String, HubEvent> record) {
        Market market = entry.market();
        marketAccounts.put(market.key() + "|" + entry.accountId(), entry.potential());
        if (NewMarketRule.covered(market, roster.values(), policies)) {
            return;
        }
        MarketState state = Optional.ofNullable(markets.get(market.key()))
                .orElseGet(() -> MarketState.empty(market, entry.eventTime()))
                .with(entry.accountId(), entry.potential());
        markets.put(market.key(), state);
        if (settle.isZero()) {
            judgeMarket(market.key(), entry, state, record.timestamp());
            return;
        }
        pendingMarkets.put(market.key(), entry);
        lastMarketChange.put(market.key(), context().currentSystemTimeMs());
    }

    private void evaluateSettledMarkets(long now) {
        if (roster.isEmpty()) {
            return; // a cold start: accounts before any rep cannot be told from a new market yet, so keep waiting
        }
        List<MarketEntry> settled = new ArrayList<>();
        try (KeyValueIterator<String, MarketEntry> all = pendingMarkets.all()) {
            all.forEachRemaining(pending -> {
                long lastChange = Math.max(lastMarketChange.getOrDefault(pending.key, 0L), lastRosterChange);
                if (now - lastChange >= settle.toMillis()) {
                    settled.add(pending.value);
                }
            });
        }
        for (MarketEntry entry : settled) {
            String key = entry.market().key();
            pendingMarkets.delete(key);
            lastMarketChange.remove(key);
            MarketState state = markets.get(key);
            if (state == null) {
                continue; // covered by a rep, or its accounts left, while it settled
            }
            if (NewMarketRule.covered(entry.market(), roster.values(), policies)) {
                markets.delete(key);
                continue;
            }
            judgeMarket(key, entry, state, entry.eventTime());
        }
    }

    /**
     * NEW_MARKET on a market no rep covers. Its commands ask the segment's team(s) for a market none can take (the
     * optimizer answers INFEASIBLE with the headcount what-if), so the market is held as asked, in the same
     * transaction as the commands: when a rep who can take it joins, {@link #staffMarketsCoveredBy} judges it again.
     */
    private void judgeMarket(String key, MarketEntry entry, MarketState state, long causeTimestamp) {
        List<TriggerCommand> commands = rules.newMarket().evaluate(entry, state, roster.values(), policies);
        if (commands.isEmpty()) {
            return;
        }
        markets.put(key, state.askedForHeadcount(entry.eventTime()));
        commands.forEach(c -> publish(c, causeTimestamp));
    }

    private void onMarketExit(MarketExit exit) {
        String key = exit.market().key();
        marketAccounts.delete(key + "|" + exit.accountId());
        MarketState state = markets.get(key);
        if (state == null) {
            return;
        }
        MarketState after = state.without(exit.accountId());
        if (after.uncoveredAccounts().isEmpty()) {
            markets.delete(key);
            pendingMarkets.delete(key);
            lastMarketChange.remove(key);
        } else {
            markets.put(key, after);
        }
    }

    /**
     * A rep who carries a book now covers their market(s): those accounts are no longer a new market. One that had
     * asked for headcount gets its answer: a NEW_MARKET to the rep's team for the accounts it holds (issue 9), so
     * they are assigned rather than forgotten; one still settling, or below the rule's minimum, is simply forgotten.
     */
    private void staffMarketsCoveredBy(RepFacts rep, long causeTimestamp) {
        List<MarketState> covered = new ArrayList<>();
        try (KeyValueIterator<String, MarketState> all = markets.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.market().coveredBy(rep, policies)) {
                    covered.add(entry.value);
                }
            });
        }
        for (MarketState market : covered) {
            forgetMarket(market.market().key());
            rules.newMarket().staffed(market, rep, policies).ifPresent(c -> publish(c, causeTimestamp));
        }
    }

    private void forgetMarket(String key) {
        markets.delete(key);
        pendingMarkets.delete(key);
        lastMarketChange.remove(key);
    }

    private Collection<String> activeTeams() {
        Set<String> teams = new TreeSet<>();
        roster.values().stream().filter(r -> r.carriesBook() && r.team() != null).forEach(r -> teams.add(r.team()));
        return teams;
    }

    /**
     * Through the gate: an admitted command goes out; one held by its cooldown goes out as an alert, and is kept in
     * the suppressed-commands store (both in the same transaction as the gate's memory); a replay stays silent.
     */
    private void publish(TriggerCommand command, long causeTimestamp) {
        long issuedAt = context().currentSystemTimeMs();
        CommandGate.Admission admission = rules.gate()
                .decide(command, new StoreGateMemory(emitted, suppressed, cooldowns, issuedAt));
        switch (admission.verdict()) {
            case EMIT -> {
                listener.commandEmitted(command.type());
                context().forward(new Record<>(command.partitionKey(),
                        HubOutput.command(AvroMapping.command(command, issuedAt)), causeTimestamp));
            }
            case COOLING_DOWN -> {
                listener.commandSuppressed(command.type(), admission.verdict().name());
                if (admission.announce()) {
                    var alert = admission.suppression().alert();
                    listener.alertRaised(AlertKind.TRIGGER_SUPPRESSED);
                    context().forward(new Record<>(alert.partitionKey(), HubOutput.alert(alert), causeTimestamp));
                }
            }
            case DUPLICATE -> listener.commandSuppressed(command.type(), admission.verdict().name());
        }
    }

    private long longestCooldown() {
        return Arrays.stream(CommandType.values())
                .mapToLong(t -> rules.gate().cooldown(t).toMillis()).max().orElse(0L);
    }

    /**
     * Replays older than the retention are caught by the rules' own state (a rep already EXITED, ...); suppressed
     * commands are listed for as long.
     */
    private void purge(long streamTime) {
        long horizon = streamTime - dedupeRetention.toMillis();
        long cooldownHorizon = streamTime - Math.max(dedupeRetention.toMillis(), longestCooldown());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, EmittedCommand> all = emitted.all()) {
            all.forEachRemaining(e -> {
                if (e.value.command().sourceEventTime() < horizon) {
                    expired.add(e.key);
                }
            });
        }
        expired.forEach(emitted::delete);
        List<String> expiredSuppressions = new ArrayList<>();
        try (KeyValueIterator<String, SuppressedCommand> all = suppressed.all()) {
            all.forEachRemaining(e -> {
                if (e.value.command().sourceEventTime() < horizon) {
                    expiredSuppressions.add(e.key);
                }
            });
        }
        expiredSuppressions.forEach(suppressed::delete);
        List<KeyValue<String, Long>> stale = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = cooldowns.all()) {
            all.forEachRemaining(e -> {
                if (e.value < cooldownHorizon) {
                    stale.add(e);
                }
            });
        }
        stale.forEach(e -> cooldowns.delete(e.key));
    }
}
