package io.territoryos.optimizer.persistence;

import java.time.Instant;

/**
 * One line of a proposal's append-only audit trail, keyed by proposal, action, actor and instant: writing the
 * same entry twice (a retried insert) records it once, while a repeated action at a later instant is a new line.
 */
public record AuditEntry(String id, String proposalId, String action, String actor, String comment, Instant at,
                         String details) {

    public static AuditEntry of(String proposalId, String action, String actor, String comment, Instant at, String details) {
        return new AuditEntry(proposalId + "/" + action + "/" + actor + "/" + at.toEpochMilli(), proposalId, action,
                actor, comment, at, details);
    }
}
