package io.territoryos.demo.domain;

import java.util.Objects;

/**
 * An approved owner change the CRM is asked to carry out: move {@code accountId} from {@code fromRepId} (null:
 * the unassigned pool) to {@code toRepId}. {@code changeId} is deterministic (proposal and account), so a retried
 * approval carries the same id.
 */
public record OwnerChange(String changeId, String proposalId, String accountId, String fromRepId, String toRepId,
                          String approvedBy) {

    public OwnerChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(toRepId, "toRepId");
    }
}
