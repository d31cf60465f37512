package io.territoryos.scoring.domain;

import java.time.LocalDate;

/** Domain accounts for tests; {@link #seed()} is the example of PRODUCT.md section 4 (seed 001). */
final class Accounts {

    /** ARR 100K, whitespace 250K, no risk, full capacity, fit 50, propensity 0.5. */
    static AccountInputs seed() {
        return new AccountInputs("A-1", "Acme", "R-1", Segment.MID_MARKET, "NA-EAST", "Software",
                AccountStatus.CUSTOMER, false, 100_000, 250_000, 1.0, 0.0, 50, 0.5, 1_699_000_000_000L,
                LocalDate.of(2026, 6, 30));
    }

    static AccountInputs with(AccountInputs a, double currentArr, double whitespaceArr, double buyingCapacity,
                              double renewalRisk, double icpFit, double propensity) {
        return new AccountInputs(a.accountId(), a.name(), a.ownerRepId(), a.segment(), a.region(), a.industry(),
                a.status(), a.locked(), currentArr, whitespaceArr, buyingCapacity, renewalRisk, icpFit, propensity,
                a.lastActivityAt(), a.renewalDate());
    }

    static AccountInputs withSegment(AccountInputs a, Segment segment) {
        return new AccountInputs(a.accountId(), a.name(), a.ownerRepId(), segment, a.region(), a.industry(),
                a.status(), a.locked(), a.currentArr(), a.whitespaceArr(), a.buyingCapacity(), a.renewalRisk(),
                a.icpFit(), a.propensity(), a.lastActivityAt(), a.renewalDate());
    }

    static AccountInputs withStatus(AccountInputs a, AccountStatus status) {
        return new AccountInputs(a.accountId(), a.name(), a.ownerRepId(), a.segment(), a.region(), a.industry(),
                status, a.locked(), a.currentArr(), a.whitespaceArr(), a.buyingCapacity(), a.renewalRisk(),
                a.icpFit(), a.propensity(), a.lastActivityAt(), a.renewalDate());
    }

    static AccountInputs withOwner(AccountInputs a, String owner) {
        return new AccountInputs(a.accountId(), a.name(), owner, a.segment(), a.region(), a.industry(),
                a.status(), a.locked(), a.currentArr(), a.whitespaceArr(), a.buyingCapacity(), a.renewalRisk(),
                a.icpFit(), a.propensity(), a.lastActivityAt(), a.renewalDate());
    }

    private Accounts() {
    }
}
