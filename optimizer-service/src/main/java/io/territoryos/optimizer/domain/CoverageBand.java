package io.territoryos.optimizer.domain;

import io.territoryos.contracts.balance.Balance;

/** Coverage band of a rep's book, as {@link Balance#band(Double)} defines it (HEALTHY >= 4.0, ADEQUATE >= 3.0). */
public enum CoverageBand {
    HEALTHY,
    ADEQUATE,
    UNDER_COVERED,
    NO_QUOTA;

    /** Band of a coverage ratio (null = no quota), by the product-wide thresholds in {@link Balance}. */
    public static CoverageBand of(Double coverageRatio) {
        return valueOf(Balance.band(coverageRatio).name());
    }
}
