package io.territoryos.optimizer.domain;

import java.util.Objects;

/**
 * A proposal's place in the maker-checker flow, without the math: who asked, who decided, what replaced it. Each
 * transition checks its rule and returns the proposal after it (the value is immutable); a refused one throws
 * {@link DecisionRefused} with the sentence a person reads.
 *
 * <ul>
 *   <li>only a PENDING_APPROVAL proposal can be approved, rejected or superseded;</li>
 *   <li>the checker is a person other than the requester (maker-checker);</li>
 *   <li>a SUPERSEDED proposal names the newer one, which is the only one that can still be decided;</li>
 *   <li>only an APPROVED proposal can be marked applied.</li>
 * </ul>
 */
public final class Proposal {

    /** Where a proposal is in the flow (the contract's ProposalStatus, symbol for symbol). */
    public enum Status { PENDING_APPROVAL, APPROVED, REJECTED, APPLIED, STALE, NO_CHANGE, FAILED, SUPERSEDED }

    /**
     * Why a decision was refused: by the aggregate's rules, or by the workflow around it (no such proposal; the
     * books changed since it was solved).
     */
    public enum Refusal { NOT_FOUND, NO_CHECKER, SELF_DECISION, NOT_PENDING, STALE, SUPERSEDED }

    /** A decision the rules do not allow, with the sentence the checker reads. */
    public static final class DecisionRefused extends RuntimeException {
        private final Refusal refusal;

        public DecisionRefused(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final String id;
    private final String team;
    private final Status status;
    private final String requester;
    private final String decidedBy;
    private final String supersededBy;

    public Proposal(String id, String team, Status status, String requester, String decidedBy, String supersededBy) {
        this.id = Objects.requireNonNull(id, "proposal id");
        this.team = team;
        this.status = Objects.requireNonNull(status, "status of proposal " + id);
        this.requester = requester;
        this.decidedBy = decidedBy;
        this.supersededBy = supersededBy;
    }

    /** A checker approves: the proposal becomes APPROVED, decided by them. */
    public Proposal approve(String checker) {
        requireDecidable(checker, "approved");
        return with(Status.APPROVED, checker, supersededBy);
    }

    /** A checker rejects: the proposal becomes REJECTED, decided by them. */
    public Proposal reject(String checker) {
        requireDecidable(checker, "rejected");
        return with(Status.REJECTED, checker, supersededBy);
    }

    /** A newer proposal of the same team replaces this pending one. */
    public Proposal supersede(String byProposalId) {
        if (byProposalId == null || byProposalId.isBlank()) {
            throw new IllegalArgumentException("a proposal is superseded by another proposal");
        }
        if (byProposalId.equals(id)) {
            throw new IllegalArgumentException("proposal " + id + " cannot supersede itself");
        }
        if (status != Status.PENDING_APPROVAL) {
            throw refusedFor("superseded");
        }
        return with(Status.SUPERSEDED, decidedBy, byProposalId);
    }

    /** The approved moves were published: the proposal is APPLIED. */
    public Proposal markApplied() {
        if (status != Status.APPROVED) {
            throw new DecisionRefused(Refusal.NOT_PENDING, "proposal " + id + " is " + status
                    + " and cannot be applied; only an approved proposal can");
        }
        return with(Status.APPLIED, decidedBy, supersededBy);
    }

    /** The books changed since the proposal was solved: it can no longer be decided. */
    public Proposal markStale() {
        if (status != Status.PENDING_APPROVAL) {
            throw refusedFor("marked stale");
        }
        return with(Status.STALE, decidedBy, supersededBy);
    }

    public String id() {
        return id;
    }

    public String team() {
        return team;
    }

    public Status status() {
        return status;
    }

    public String requester() {
        return requester;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String supersededBy() {
        return supersededBy;
    }

    private void requireDecidable(String checker, String verb) {
        if (checker == null || checker.isBlank()) {
            throw new DecisionRefused(Refusal.NO_CHECKER, "a decision needs an authenticated checker");
        }
        if (status != Status.PENDING_APPROVAL) {
            throw refusedFor(verb);
        }
        if (checker.equals(requester)) {
            throw new DecisionRefused(Refusal.SELF_DECISION, checker + " requested this rebalance and cannot decide on it;"
                    + " another person must");
        }
    }

    private DecisionRefused refusedFor(String verb) {
        if (status == Status.SUPERSEDED) {
            return new DecisionRefused(Refusal.SUPERSEDED, "proposal " + id + " was superseded by " + supersededBy
                    + " and cannot be " + verb + "; decide on " + supersededBy + " instead");
        }
        return new DecisionRefused(Refusal.NOT_PENDING, "proposal " + id + " is " + status + " and cannot be " + verb);
    }

    private Proposal with(Status newStatus, String newDecidedBy, String newSupersededBy) {
        return new Proposal(id, team, newStatus, requester, newDecidedBy, newSupersededBy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proposal p && id.equals(p.id) && Objects.equals(team, p.team) && status == p.status
                && Objects.equals(requester, p.requester) && Objects.equals(decidedBy, p.decidedBy)
                && Objects.equals(supersededBy, p.supersededBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, team, status, requester, decidedBy, supersededBy);
    }

    @Override
    public String toString() {
        return "Proposal[" + id + ", team " + team + ", " + status + ", requested by " + requester
                + (decidedBy == null ? "" : ", decided by " + decidedBy)
                + (supersededBy == null ? "" : ", superseded by " + supersededBy) + "]";
    }
}
