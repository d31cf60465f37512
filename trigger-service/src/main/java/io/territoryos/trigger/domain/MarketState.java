package io.territoryos.trigger.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The accounts that entered a market no active rep covers, with their potential at entry.
 *
 * @param firstSeenAt      event time of the first uncovered account
 * @param headcountAskedAt event time of the entry whose NEW_MARKET asked the segment's team(s) for the market while
 *                         none could take it (the optimizer answers such a command INFEASIBLE with the headcount
 *                         what-if); null while nothing was asked. A market held so is judged again when a rep who
 *                         can take it joins (absent in state written before it existed: read as null)
 */
public record MarketState(String segment, String region, Map<String, Double> uncoveredAccounts, long firstSeenAt,
                          Long headcountAskedAt) {

    public MarketState {
        uncoveredAccounts = new TreeMap<>(uncoveredAccounts == null ? Map.of() : uncoveredAccounts);
    }

    public static MarketState empty(Market market, long firstSeenAt) {
        return new MarketState(market.segment(), market.region(), Map.of(), firstSeenAt, null);
    }

    public MarketState with(String accountId, double potential) {
        Map<String, Double> accounts = new TreeMap<>(uncoveredAccounts);
        accounts.put(accountId, potential);
        return new MarketState(segment, region, accounts, firstSeenAt, headcountAskedAt);
    }

    public MarketState without(String accountId) {
        Map<String, Double> accounts = new TreeMap<>(uncoveredAccounts);
        accounts.remove(accountId);
        return new MarketState(segment, region, accounts, firstSeenAt, headcountAskedAt);
    }

    /** This market after a NEW_MARKET for it went out at {@code eventTime}; the first ask is kept. */
    public MarketState askedForHeadcount(long eventTime) {
        return headcountAskedAt != null ? this
                : new MarketState(segment, region, uncoveredAccounts, firstSeenAt, eventTime);
    }

    public boolean headcountAsked() {
        return headcountAskedAt != null;
    }

    public Market market() {
        return new Market(segment, region);
    }

    public double uncoveredPotential() {
        return uncoveredAccounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
