package io.territoryos.optimizer.domain;

/** Employment status of a rep; only ACTIVE and RAMPING reps hold and receive accounts. */
public enum RepStatus {
    ACTIVE,
    RAMPING,
    ON_LEAVE,
    EXITED;

    public boolean receivesAccounts() {
        return this == ACTIVE || this == RAMPING;
    }
}
