package io.territoryos.optimizer.domain;

/** Our reading of a solve: the CP-SAT status mapped to words a proposal can carry. */
public enum SolverStatus {
    /** Proven best for the model that was solved. */
    OPTIMAL,
    /** A solution that satisfies every constraint, not proven best (time limit, or the neighbourhood search). */
    FEASIBLE,
    /** No assignment satisfies the constraints; the result says why. */
    INFEASIBLE,
    /** The model was rejected by the solver (a bug on our side, never the data's fault). */
    MODEL_INVALID,
    /** The time limit ended the search before any solution was found. */
    TIMED_OUT,
    /** Nothing was solved (empty scope, nothing to do). */
    NOT_SOLVED;

    public boolean hasSolution() {
        return this == OPTIMAL || this == FEASIBLE;
    }
}
