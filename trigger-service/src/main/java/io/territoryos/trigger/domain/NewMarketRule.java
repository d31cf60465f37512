package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * NEW_MARKET: accounts appear in a segment/region that no active rep covers. A market is covered when an active rep
 * of its segment is in a team that is not regional, or is in the market's region; whether a team is regional is its
 * policy (config.team-policies), the same one the optimizer assigns by, and a team without a policy is not regional.
 * An uncovered market goes to every team that sells to its segment (has active reps of it): one command per team,
 * scoped to the team and the market's segment and region, which the optimizer uses to find the market's unassigned
 * accounts. When no team sells to the segment, one command without a team says so.
 */
public final class NewMarketRule {

    /**
     * @param minAccounts uncovered accounts a market must hold before it fires
     * @param cooldown    per market and team
     */
    public record Settings(boolean enabled, int minAccounts, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, 1, Duration.ofHours(24));
        }
    }

    private final Settings settings;

    public NewMarketRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public static boolean covered(Market market, Collection<RepFacts> roster, TeamPolicies policies) {
        return roster.stream().anyMatch(rep -> market.coveredBy(rep, policies));
    }

    /**
     * @param entry  the account that entered
     * @param market the market's uncovered accounts, including this one
     * @param roster   every rep known; while it is empty nothing fires, since a cold start (accounts before reps)
     *                 cannot be told from a new market
     * @param policies the team policies in force
     * @return one command per team selling to the segment, by team name; the id names the market, the team and the
     *         entry, so a replay yields the same ids
     */
    public List<TriggerCommand> evaluate(MarketEntry entry, MarketState market, Collection<RepFacts> roster,
                                         TeamPolicies policies) {
        if (!settings.enabled() || roster.isEmpty() || covered(entry.market(), roster, policies)
                || market.uncoveredAccounts().size() < settings.minAccounts()) {
            return List.of();
        }
        String marketKey = entry.market().key();
        List<EvidenceItem> common = List.of(
                EvidenceItem.against("uncovered_accounts", market.uncoveredAccounts().size(), settings.minAccounts(), marketKey),
                EvidenceItem.of("uncovered_potential", market.uncoveredPotential(), marketKey),
                EvidenceItem.against("active_reps_covering", 0, 1, marketKey),
                EvidenceItem.of("entering_account_potential", entry.potential(), entry.accountId()));
        String found = market.uncoveredAccounts().size() + " account(s) with " + Numbers.money(market.uncoveredPotential())
                + " potential in " + marketKey + ", which no active rep covers (latest: " + entry.accountId() + ")";
        Map<String, Long> teams = segmentTeams(entry.segment(), roster);
        if (teams.isEmpty()) {
            return List.of(command(entry, null, common, found + "; no team sells to " + entry.segment() + "."));
        }
        List<TriggerCommand> commands = new ArrayList<>();
        teams.forEach((team, reps) -> {
            boolean regional = policies.regional(team);
            List<EvidenceItem> evidence = new ArrayList<>(common);
            evidence.add(EvidenceItem.of("team_segment_reps", reps, team));
            evidence.add(EvidenceItem.of("team_regional", regional ? 1 : 0, team));
            // uncovered while the team has reps of the segment: the team is regional, with none in the region
            String policy = regional ? ", but is regional (policy v" + policies.version(team) + ") with none in "
                    + entry.region() : "";
            commands.add(command(entry, team, evidence, found + "; team " + team + " sells to this segment with "
                    + reps + " active rep(s)" + policy + "."));
        });
        return commands;
    }

    /**
     * A market that asked for headcount (its NEW_MARKET went out while no rep could take it) is judged again when a
     * rep who covers it joins or comes back: one NEW_MARKET to that rep's team, for the accounts the market holds, so
     * that the optimizer assigns them now that a compatible rep exists. The id names the market, the team, the rep and
     * the rep's change, so a replay yields the same id; the cooldown subject is the market and team as staffed, apart
     * from the ask it answers (which may have gone out minutes before).
     *
     * @param market   the market as the hub holds it
     * @param rep      the rep after the change
     * @param policies the team policies in force
     * @return nothing when the market asked for nothing, holds no account, or this rep does not cover it
     */
    public Optional<TriggerCommand> staffed(MarketState market, RepFacts rep, TeamPolicies policies) {
        Market where = market.market();
        if (!settings.enabled() || !market.headcountAsked() || market.uncoveredAccounts().isEmpty()
                || !where.coveredBy(rep, policies)) {
            return Optional.empty();
        }
        String marketKey = where.key();
        String team = rep.team();
        List<EvidenceItem> evidence = List.of(
                EvidenceItem.of("uncovered_accounts", market.uncoveredAccounts().size(), marketKey),
                EvidenceItem.of("uncovered_potential", market.uncoveredPotential(), marketKey),
                EvidenceItem.against("active_reps_covering", 1, 1, marketKey),
                EvidenceItem.of("headcount_asked_at", market.headcountAskedAt(), marketKey),
                EvidenceItem.of("joining_rep_quota", rep.quota(), rep.repId()));
        String summary = market.uncoveredAccounts().size() + " account(s) with " + Numbers.money(market.uncoveredPotential())
                + " potential in " + marketKey + " waited for headcount; rep " + rep.repId() + " of team "
                + (team == null ? "(none)" : team) + " now covers the market: assign them.";
        String subject = marketKey + ":" + (team == null ? TriggerCommand.ORG_KEY : team) + ":staffed";
        return Optional.of(new TriggerCommand("NEW_MARKET:" + subject + ":" + rep.repId() + ":" + rep.changedAt(),
                CommandType.NEW_MARKET, CommandScope.market(team, where), evidence, summary, subject, rep.changedAt()));
    }

    private static TriggerCommand command(MarketEntry entry, String team, List<EvidenceItem> evidence, String summary) {
        String subject = entry.market().key() + ":" + (team == null ? TriggerCommand.ORG_KEY : team);
        return new TriggerCommand("NEW_MARKET:" + subject + ":" + entry.eventTime(), CommandType.NEW_MARKET,
                CommandScope.market(team, entry.market()), evidence, summary, subject, entry.eventTime());
    }

    /** Teams with active reps of the segment, by name, with how many. */
    static Map<String, Long> segmentTeams(String segment, Collection<RepFacts> roster) {
        Map<String, Long> teams = new TreeMap<>();
        for (RepFacts rep : roster) {
            if (rep.carriesBook() && rep.team() != null && segment != null && segment.equals(rep.segment())) {
                teams.merge(rep.team(), 1L, Long::sum);
            }
        }
        return teams;
    }
}
