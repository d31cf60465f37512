package io.territoryos.optimizer.domain;

/**
 * The 2x2 account tier of seed 004 as the optimizer sees it: how much it costs to move an account of this tier.
 * Moving a TIER_1 account breaks the most relationship value, so it weighs eight times a DEPRIORITIZE move.
 */
public enum Tier {
    TIER_1(8),
    DEVELOP(4),
    QUICK_WIN(2),
    DEPRIORITIZE(1);

    private final int moveWeight;

    Tier(int moveWeight) {
        this.moveWeight = moveWeight;
    }

    /** Relative cost of moving one account of this tier (DEPRIORITIZE = 1). */
    public int moveWeight() {
        return moveWeight;
    }
}
