package io.territoryos.demo.domain;

import io.territoryos.contracts.crm.CrmAccount;

import java.util.Objects;

/**
 * What the CRM does with an approved owner change, given the account's current row: apply it (the row with the
 * new owner), ignore it because it is already done, or reject it because the account is gone or changed owner
 * since the proposal was made (a real CRM's optimistic check). Applying twice therefore changes nothing.
 */
public final class OwnerChangeRule {

    /** The outcome for one change. */
    public sealed interface Decision permits Apply, AlreadyApplied, Rejected {
    }

    /** Write {@code after}: the current row with only the owner changed. */
    public record Apply(CrmAccount after) implements Decision {
    }

    public record AlreadyApplied(String why) implements Decision {
    }

    public record Rejected(Reason reason, String explanation) implements Decision {
    }

    public enum Reason { UNKNOWN_ACCOUNT, STALE }

    /**
     * @param current      the account's latest row, null when the CRM does not have it
     * @param appliedBefore true when the CRM's feed already holds an update made for this change id
     */
    public static Decision decide(OwnerChange change, CrmAccount current, boolean appliedBefore) {
        if (appliedBefore) {
            // even if the owner changed again since: the CRM's later edit wins over a redelivered request
            return new AlreadyApplied("change " + change.changeId() + " was applied before");
        }
        if (current == null) {
            return new Rejected(Reason.UNKNOWN_ACCOUNT, "unknown account " + change.accountId()
                    + " (not in the CRM, or deleted)");
        }
        if (change.toRepId().equals(current.ownerRepId())) {
            return new AlreadyApplied(change.accountId() + " is already owned by " + change.toRepId());
        }
        if (!Objects.equals(change.fromRepId(), current.ownerRepId())) {
            return new Rejected(Reason.STALE, "stale: " + change.accountId() + " is owned by " + owner(current.ownerRepId())
                    + ", the change moves it from " + owner(change.fromRepId()) + " to " + change.toRepId()
                    + " (the CRM changed since the proposal)");
        }
        return new Apply(current.withOwner(change.toRepId()));
    }

    private static String owner(String repId) {
        return repId == null ? "nobody (unassigned)" : repId;
    }

    private OwnerChangeRule() {
    }
}
