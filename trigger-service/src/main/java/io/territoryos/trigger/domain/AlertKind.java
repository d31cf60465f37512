package io.territoryos.trigger.domain;

/** Warnings for people (territory.alerts), not rebalance commands. */
public enum AlertKind {
    COVERAGE_BELOW_THRESHOLD, STRUCTURALLY_UNDERPERFORMING, INACTIVE_ACCOUNT, LOCK_EXPIRY_CANDIDATE
}
