package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.optimizer.domain.Proposal;
import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.mapping.ProposalStates;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.ProposalStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Maker-checker: a proposal is applied only when a person other than its requester approves it, and only if
 * the books it was solved on have not changed since. Applying publishes one owner change per move (ids
 * derived from proposal and account), so a retried approval publishes nothing new to a consumer that dedupes.
 * Every decision also re-publishes the proposal with its new status, so rebalance.proposals tells its whole story.
 * The rules themselves (who may decide, what can be decided, superseded proposals name the newer one) are the
 * {@link Proposal} aggregate's; this service applies them to the stored proposal with compare-and-set updates.
 */
public final class ApprovalService {

    /** Recomputes the fingerprint of the books a proposal covers, as they are now. */
    @FunctionalInterface
    public interface CurrentFingerprint {
        String of(RebalanceProposal proposal) throws Exception;
    }

    private final ProposalStore store;
    private final ProposalSink publisher;
    private final CurrentFingerprint currentFingerprint;
    private final Clock clock;

    public ApprovalService(ProposalStore store, ProposalSink publisher, CurrentFingerprint currentFingerprint, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.currentFingerprint = currentFingerprint;
        this.clock = clock;
    }

    public RebalanceProposal approve(String proposalId, String checker, String comment) {
        RebalanceProposal proposal = load(proposalId);
        Proposal state = ProposalStates.of(proposal);
        Instant now = clock.instant();
        if (state.status() == Proposal.Status.APPLIED) {
            store.audit(AuditEntry.of(proposalId, "APPROVAL_REPEATED", checker, comment, now, "already applied; nothing published"));
            return proposal;
        }
        if (state.status() != Proposal.Status.APPROVED) {
            // APPROVED but not yet APPLIED is a retry after a crash between the two steps: go on applying
            decide(state, () -> state.approve(checker), checker, comment, now, "approved");
            String fingerprintNow = fingerprintNow(proposal);
            if (!Objects.equals(fingerprintNow, proposal.getSnapshotFingerprint())) {
                state.markStale();
                if (store.transition(proposalId, ProposalStatus.PENDING_APPROVAL, ProposalStatus.STALE, checker, comment)) {
                    publisher.publish(load(proposalId));
                }
                store.audit(AuditEntry.of(proposalId, "REFUSED_STALE", checker, comment, now,
                        "books changed since the proposal was solved"));
                throw new DecisionRefused(Refusal.STALE, "the books of " + proposal.getCommand().getScope().getTeam()
                        + " changed since this proposal was solved; ask for a new rebalance");
            }
            if (!store.transition(proposalId, ProposalStatus.PENDING_APPROVAL, ProposalStatus.APPROVED, checker, comment)) {
                // another checker, or a newer proposal, got there first: continue from whatever state that left
                return approve(proposalId, checker, comment);
            }
            store.audit(AuditEntry.of(proposalId, "APPROVED", checker, comment, now, proposal.getMoves().size() + " moves"));
            proposal = load(proposalId);
        }
        Proposal approved = ProposalStates.of(proposal);
        approved.markApplied(); // the rule: only an approved proposal is applied
        publisher.publishAssignments(assignments(proposal, now));
        store.transition(proposalId, ProposalStatus.APPROVED, ProposalStatus.APPLIED, null, null);
        store.audit(AuditEntry.of(proposalId, "APPLIED", proposal.getDecidedBy(), null, now,
                proposal.getMoves().size() + " owner changes published on territory.assignments"));
        RebalanceProposal applied = load(proposalId);
        publisher.publish(applied);
        return applied;
    }

    public RebalanceProposal reject(String proposalId, String checker, String comment) {
        RebalanceProposal proposal = load(proposalId);
        Proposal state = ProposalStates.of(proposal);
        Instant now = clock.instant();
        if (state.status() == Proposal.Status.REJECTED) {
            return proposal;
        }
        decide(state, () -> state.reject(checker), checker, comment, now, "rejected");
        if (!store.transition(proposalId, ProposalStatus.PENDING_APPROVAL, ProposalStatus.REJECTED, checker, comment)) {
            // decided or superseded meanwhile: refuse with the state it is in now
            Proposal current = ProposalStates.of(load(proposalId));
            decide(current, () -> current.reject(checker), checker, comment, now, "rejected");
            throw new DecisionRefused(Refusal.NOT_PENDING, "proposal " + proposalId + " is " + current.status()
                    + " and cannot be rejected");
        }
        store.audit(AuditEntry.of(proposalId, "REJECTED", checker, comment, now, null));
        RebalanceProposal rejected = load(proposalId);
        publisher.publish(rejected);
        return rejected;
    }

    static List<AssignmentChange> assignments(RebalanceProposal proposal, Instant approvedAt) {
        return proposal.getMoves().stream().map((Move move) -> AssignmentChange.newBuilder()
                .setChangeId(proposal.getProposalId() + "/" + move.getAccountId())
                .setProposalId(proposal.getProposalId())
                .setAccountId(move.getAccountId())
                .setFromRepId(move.getFromRepId())
                .setToRepId(move.getToRepId())
                .setReason(move.getReason())
                .setRequestedBy(proposal.getCommand().getRequestedBy())
                .setApprovedBy(proposal.getDecidedBy())
                .setApprovedAt(approvedAt)
                .build()).toList();
    }

    /** Applies the aggregate's rule; a refusal is audited when it says something about people, then rethrown. */
    private void decide(Proposal state, Runnable rule, String checker, String comment, Instant now, String verb) {
        try {
            rule.run();
        } catch (DecisionRefused refused) {
            switch (refused.refusal()) {
                case SELF_DECISION -> store.audit(AuditEntry.of(state.id(), "REFUSED_SELF_DECISION", checker, comment, now,
                        "the requester cannot decide on their own proposal"));
                case SUPERSEDED -> store.audit(AuditEntry.of(state.id(), "REFUSED_SUPERSEDED", checker, comment, now,
                        "superseded by " + state.supersededBy() + "; cannot be " + verb));
                default -> {
                }
            }
            throw refused;
        }
    }

    private String fingerprintNow(RebalanceProposal proposal) {
        try {
            return currentFingerprint.of(proposal);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the current books of " + proposal.getProposalId(), e);
        }
    }

    private RebalanceProposal load(String proposalId) {
        return store.find(proposalId).orElseThrow(() ->
                new DecisionRefused(Refusal.NOT_FOUND, "no proposal " + proposalId));
    }
}
