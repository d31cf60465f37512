package io.territoryos.trigger.domain;

/**
 * One exit of one rep as REP_EXIT follows it, from the first EXITED record until the rep carries a book again (a
 * re-activation ends it; the next exit is a new one).
 *
 * @param exitedAt event time of the first EXITED record of this exit; the command id is built from it, so the same
 *                 exit always yields the same id
 * @param fired    the REP_EXIT command for this exit was issued; while false, the exit waits for the rep's book to
 *                 be known not to be empty
 */
public record RepExit(String repId, long exitedAt, boolean fired) {

    static RepExit waiting(RepFacts rep, long exitedAt) {
        return new RepExit(rep.repId(), exitedAt, false);
    }

    RepExit firedNow() {
        return new RepExit(repId, exitedAt, true);
    }
}
