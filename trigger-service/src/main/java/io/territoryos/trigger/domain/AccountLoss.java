package io.territoryos.trigger.domain;

/**
 * An account that stopped counting (churned or deleted), with the potential it had before the loss.
 *
 * @param eventTime event time of the loss (epoch millis)
 */
public record AccountLoss(
        String accountId, String ownerRepId, String segment, String region, double lostPotential, boolean deleted,
        long eventTime) {
}
