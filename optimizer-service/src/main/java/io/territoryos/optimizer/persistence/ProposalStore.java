package io.territoryos.optimizer.persistence;

import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceProposal;

import java.util.List;
import java.util.Optional;

/** Where proposals and their audit trail live (MongoDB in the service; any implementation with these rules). */
public interface ProposalStore {

    Optional<RebalanceProposal> find(String proposalId);

    /** Inserts or replaces the proposal under its id. */
    void save(RebalanceProposal proposal);

    /** Newest first; null filters do not restrict. */
    List<RebalanceProposal> list(String team, ProposalStatus status, int limit);

    /**
     * Moves a proposal from one status to another only if it is still in {@code from}: the compare-and-set that
     * makes two concurrent approvals apply once. Returns false when it was not in {@code from}.
     */
    boolean transition(String proposalId, ProposalStatus from, ProposalStatus to, String decidedBy, String comment);

    /**
     * Marks a PENDING_APPROVAL proposal SUPERSEDED by a newer one, as a compare-and-set like {@link #transition}:
     * false when it was no longer pending (a checker decided on it first).
     */
    boolean supersede(String proposalId, String supersededBy);

    /** Appends to the audit trail; an entry whose id is already there is ignored. */
    void audit(AuditEntry entry);

    List<AuditEntry> auditTrail(String proposalId);
}
