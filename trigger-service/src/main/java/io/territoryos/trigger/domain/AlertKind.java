package io.territoryos.trigger.domain;

/**
 * Warnings for people (territory.alerts), not rebalance commands. TRIGGER_SUPPRESSED: a rebalance command held by its
 * cooldown (see {@link Suppression}).
 */
public enum AlertKind {
    COVERAGE_BELOW_THRESHOLD, STRUCTURALLY_UNDERPERFORMING, INACTIVE_ACCOUNT, LOCK_EXPIRY_CANDIDATE, TRIGGER_SUPPRESSED
}
