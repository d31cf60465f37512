package io.territoryos.optimizer.persistence;

import java.time.Instant;

/**
 * One line of a proposal's append-only audit trail. The id is deterministic (proposal, action, actor and a
 * sequence the caller chooses), so an action retried after a crash is recorded once.
 */
public record AuditEntry(String id, String proposalId, String action, String actor, String comment, Instant at,
                         String details) {

    public static AuditEntry of(String proposalId, String action, String actor, String comment, Instant at, String details) {
        return new AuditEntry(proposalId + "/" + action + "/" + actor + "/" + at.toEpochMilli(), proposalId, action,
                actor, comment, at, details);
    }
}
