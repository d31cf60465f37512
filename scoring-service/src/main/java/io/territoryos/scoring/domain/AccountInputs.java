package io.territoryos.scoring.domain;

import java.time.LocalDate;

/**
 * The latest known state of one CRM account, as far as scoring and its consumers need it. Two inputs that are
 * equal produce the same output, so equality is what decides whether a change is worth publishing.
 *
 * @param lastActivityAt epoch millis, or null
 */
public record AccountInputs(
        String accountId, String name, String ownerRepId, Segment segment, String region, String industry,
        AccountStatus status, boolean locked, double currentArr, double whitespaceArr, double buyingCapacity,
        double renewalRisk, double icpFit, double propensity, Long lastActivityAt, LocalDate renewalDate) {

    public AccountInputs {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("an account needs an id");
        }
        if (segment == null || status == null) {
            throw new IllegalArgumentException("account " + accountId + " needs a segment and a status");
        }
    }
}
