package io.territoryos.optimizer.domain;

import java.util.Objects;

/**
 * An account as the optimizer needs it: where it may go (segment, region), what it weighs (potential, ARR),
 * what moving it costs (tier), who holds it now (null = unassigned pool) and whether it may move at all.
 */
public record Account(String id, String name, String segment, String region, double potential, double arr,
                      Tier tier, String ownerRepId, boolean locked) {

    public Account {
        Objects.requireNonNull(id, "account id");
        Objects.requireNonNull(segment, "segment of account " + id);
        tier = tier == null ? Tier.DEPRIORITIZE : tier;
        if (potential < 0 || Double.isNaN(potential) || Double.isInfinite(potential)) {
            throw new IllegalArgumentException("potential of account " + id + " must be finite and >= 0: " + potential);
        }
        if (arr < 0 || Double.isNaN(arr) || Double.isInfinite(arr)) {
            throw new IllegalArgumentException("arr of account " + id + " must be finite and >= 0: " + arr);
        }
    }

    public Account withOwner(String newOwnerRepId) {
        return new Account(id, name, segment, region, potential, arr, tier, newOwnerRepId, locked);
    }

    public Account withLocked(boolean newLocked) {
        return new Account(id, name, segment, region, potential, arr, tier, ownerRepId, newLocked);
    }
}
