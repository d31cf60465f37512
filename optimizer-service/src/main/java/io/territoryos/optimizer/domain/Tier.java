package io.territoryos.optimizer.domain;

/**
 * The 2x2 account tier of seed 004 as the optimizer sees it: how much it costs to move an account of this tier.
 * Moving a TIER_1 account breaks the most relationship value, so it weighs four times a DEPRIORITIZE move; the
 * spread stays moderate so that the number of moves still counts, not only their tiers.
 */
public enum Tier {
    TIER_1(8),
    DEVELOP(4),
    QUICK_WIN(3),
    DEPRIORITIZE(2);

    private final int moveWeight;

    Tier(int moveWeight) {
        this.moveWeight = moveWeight;
    }

    /** Relative cost of moving one account of this tier, in halves (DEPRIORITIZE = 2, TIER_1 = 8). */
    public int moveWeight() {
        return moveWeight;
    }

    /** Cost of moving one account of this tier relative to a DEPRIORITIZE move (1.0 .. 4.0). */
    public double relativeMoveCost() {
        return moveWeight / (double) DEPRIORITIZE.moveWeight;
    }
}
