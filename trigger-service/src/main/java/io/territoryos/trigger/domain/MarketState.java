package io.territoryos.trigger.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * The accounts that entered a market no active rep covers, with their potential at entry.
 *
 * @param firstSeenAt event time of the first uncovered account
 */
public record MarketState(String segment, String region, Map<String, Double> uncoveredAccounts, long firstSeenAt) {

    public MarketState {
        uncoveredAccounts = new TreeMap<>(uncoveredAccounts == null ? Map.of() : uncoveredAccounts);
    }

    public static MarketState empty(Market market, long firstSeenAt) {
        return new MarketState(market.segment(), market.region(), Map.of(), firstSeenAt);
    }

    public MarketState with(String accountId, double potential) {
        Map<String, Double> accounts = new TreeMap<>(uncoveredAccounts);
        accounts.put(accountId, potential);
        return new MarketState(segment, region, accounts, firstSeenAt);
    }

    public MarketState without(String accountId) {
        Map<String, Double> accounts = new TreeMap<>(uncoveredAccounts);
        accounts.remove(accountId);
        return new MarketState(segment, region, accounts, firstSeenAt);
    }

    public double uncoveredPotential() {
        return uncoveredAccounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
