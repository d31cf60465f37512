package io.territoryos.trigger.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the rule tests. */
final class Facts {

    static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    static RepFacts rep(String id, String team, RepState state, long at) {
        return new RepFacts(id, "Name " + id, state, "MID_MARKET", "NA-EAST", team, 1_000_000, at);
    }

    static RepFacts rep(String id, String team, String segment, String region, RepState state) {
        return new RepFacts(id, null, state, segment, region, team, 1_000_000, T0);
    }

    static TerritoryFacts territory(String repId, String team, int accounts, double potential, long at) {
        return new TerritoryFacts(repId, team, "MID_MARKET", "NA-EAST", RepState.ACTIVE, 1_000_000, accounts, potential,
                potential / 1_000_000, potential / 1_000_000, false, 0, 0, at);
    }

    static TerritoryFacts territory(String repId, RepState state, Double coverage, boolean structural, long at) {
        double potential = coverage == null ? 0 : coverage * 1_000_000;
        return new TerritoryFacts(repId, "East", "MID_MARKET", "NA-EAST", state, 1_000_000, 10, potential, coverage,
                coverage, structural, structural ? 3 : 0, structural ? 400_000 : 0, at);
    }

    static AccountFacts account(String id, String owner, double potential, boolean churned, long at) {
        return new AccountFacts(id, owner, "MID_MARKET", "NA-EAST", churned, potential, false, null, at, null, null);
    }

    static AccountFacts activeAt(String id, String owner, boolean locked, Long lastActivity) {
        return new AccountFacts(id, owner, "MID_MARKET", "NA-EAST", false, 50_000, locked, lastActivity, T0, null, null);
    }

    static BalanceFacts balance(String team, int reps, double cv, long at) {
        return new BalanceFacts(team, reps, cv, cv, cv / 2, 1, 10_000_000, at);
    }

    static WeightsVersion weights(int version, double fit, long at) {
        Map<String, Double> w = new java.util.LinkedHashMap<>();
        w.put("fit_weight", fit);
        w.put("expansion_weight", 0.25);
        w.put("retention_weight", 0.20);
        w.put("capacity_weight", 0.15);
        w.put("propensity_weight", 0.10);
        return new WeightsVersion("potential-v1", version, w, at);
    }

    static EvidenceItem evidence(TriggerCommand command, String name) {
        return command.evidence().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence " + name + " in " + command.evidence()));
    }

    static EvidenceItem evidence(Alert alert, String name) {
        return alert.evidence().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence " + name + " in " + alert.evidence()));
    }

    /** The gate's memory as a map, as the hub's stores hold it. */
    static final class Memory implements CommandGate.Memory {
        final Map<String, TriggerCommand> emitted = new HashMap<>();
        final Map<String, Suppression> suppressed = new HashMap<>();
        final Map<String, Long> lastFired = new HashMap<>();
        final Map<String, Long> lastHeld = new HashMap<>();

        @Override
        public boolean emitted(String commandId) {
            return emitted.containsKey(commandId);
        }

        @Override
        public boolean suppressed(String commandId) {
            return suppressed.containsKey(commandId);
        }

        @Override
        public void rememberSuppressed(Suppression suppression) {
            suppressed.put(suppression.command().commandId(), suppression);
            lastHeld.merge(suppression.command().cooldownKey(), suppression.command().sourceEventTime(), Math::max);
        }

        @Override
        public Long lastHeld(String cooldownKey) {
            return lastHeld.get(cooldownKey);
        }

        @Override
        public Long lastFired(String cooldownKey) {
            return lastFired.get(cooldownKey);
        }

        @Override
        public void remember(TriggerCommand command) {
            emitted.put(command.commandId(), command);
            lastFired.merge(command.cooldownKey(), command.sourceEventTime(), Math::max);
        }
    }

    static List<RepFacts> roster(RepFacts... reps) {
        return List.of(reps);
    }

    private Facts() {
    }
}
