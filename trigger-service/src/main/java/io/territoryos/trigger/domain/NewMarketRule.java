package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * NEW_MARKET: accounts appear in a segment/region that no active rep covers. The command names the market and, as
 * team, the one with the most active reps in that segment (the likeliest to absorb it), if any.
 */
public final class NewMarketRule {

    /**
     * @param matchRegion a rep covers a market only in its own region (false: any rep of the segment covers it)
     * @param minAccounts uncovered accounts a market must hold before it fires
     * @param cooldown    per market
     */
    public record Settings(boolean enabled, boolean matchRegion, int minAccounts, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, true, 1, Duration.ofHours(24));
        }
    }

    private final Settings settings;

    public NewMarketRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public boolean covered(Market market, Collection<RepFacts> roster) {
        return roster.stream().anyMatch(rep -> market.coveredBy(rep, settings.matchRegion()));
    }

    /**
     * @param entry  the account that entered
     * @param market the market's uncovered accounts, including this one
     * @param roster every rep known; while it is empty nothing fires, since a cold start (accounts before reps)
     *               cannot be told from a new market
     */
    public Optional<TriggerCommand> evaluate(MarketEntry entry, MarketState market, Collection<RepFacts> roster) {
        if (!settings.enabled() || roster.isEmpty() || covered(entry.market(), roster)
                || market.uncoveredAccounts().size() < settings.minAccounts()) {
            return Optional.empty();
        }
        String team = likeliestTeam(entry.segment(), roster);
        String marketKey = entry.market().key();
        List<EvidenceItem> evidence = List.of(
                EvidenceItem.against("uncovered_accounts", market.uncoveredAccounts().size(), settings.minAccounts(), marketKey),
                EvidenceItem.of("uncovered_potential", market.uncoveredPotential(), marketKey),
                EvidenceItem.against("active_reps_covering", 0, 1, marketKey),
                EvidenceItem.of("entering_account_potential", entry.potential(), entry.accountId()));
        String summary = market.uncoveredAccounts().size() + " account(s) with " + Numbers.money(market.uncoveredPotential())
                + " potential in " + marketKey + ", which no active rep covers (latest: " + entry.accountId() + ")"
                + (team == null ? "." : "; team " + team + " sells to this segment.");
        CommandScope scope = new CommandScope(team, entry.segment(), entry.region(), List.of());
        return Optional.of(new TriggerCommand("NEW_MARKET:" + marketKey + ":" + entry.eventTime(),
                CommandType.NEW_MARKET, scope, evidence, summary, marketKey, entry.eventTime()));
    }

    /** Team with the most active reps of the segment; ties go to the first name, for a deterministic command. */
    static String likeliestTeam(String segment, Collection<RepFacts> roster) {
        Map<String, Long> bySize = roster.stream()
                .filter(r -> r.carriesBook() && r.team() != null && segment != null && segment.equals(r.segment()))
                .collect(Collectors.groupingBy(RepFacts::team, Collectors.counting()));
        return bySize.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
