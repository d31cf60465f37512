package io.territoryos.trigger.domain;

/** Employment status of a rep, as the CRM states it. */
public enum RepState {
    ACTIVE, RAMPING, ON_LEAVE, EXITED;

    /** Only ACTIVE and RAMPING reps carry a book and receive accounts. */
    public boolean carriesBook() {
        return this == ACTIVE || this == RAMPING;
    }
}
