package io.territoryos.territory.domain;

/**
 * Currency amounts held as whole cents. Territory sums are kept in cents so that adding an account to one
 * territory and subtracting it from another never drifts: Σ territory potential = Σ account potential, exactly.
 */
public final class Money {

    /** Rounds a currency amount to whole cents; each account is rounded once, on the way in. */
    public static long toCents(double amount) {
        if (Double.isNaN(amount) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount " + amount + " is not a finite number");
        }
        return Math.round(amount * 100.0);
    }

    public static double fromCents(long cents) {
        return cents / 100.0;
    }

    private Money() {
    }
}
