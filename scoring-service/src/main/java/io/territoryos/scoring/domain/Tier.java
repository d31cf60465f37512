package io.territoryos.scoring.domain;

/** The 2x2 of seed 004: potential against the segment's threshold by probability (propensity). */
public enum Tier {
    TIER_1, DEVELOP, QUICK_WIN, DEPRIORITIZE;

    static Tier of(boolean highPotential, boolean highProbability) {
        if (highPotential) {
            return highProbability ? TIER_1 : DEVELOP;
        }
        return highProbability ? QUICK_WIN : DEPRIORITIZE;
    }
}
