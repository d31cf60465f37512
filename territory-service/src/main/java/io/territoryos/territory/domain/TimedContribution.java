package io.territoryos.territory.domain;

/**
 * A scored account's contribution and when the change behind it happened in the CRM.
 *
 * @param sourceEventTime epoch millis of the CRM change that produced the score
 */
public record TimedContribution(AccountContribution contribution, long sourceEventTime) {
}
