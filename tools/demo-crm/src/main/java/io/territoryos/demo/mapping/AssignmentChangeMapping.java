package io.territoryos.demo.mapping;

import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.demo.domain.OwnerChange;

/** territory.assignments' Avro record to the owner change the demo CRM applies. */
public final class AssignmentChangeMapping {

    public static OwnerChange toDomain(AssignmentChange change) {
        return new OwnerChange(change.getChangeId(), change.getProposalId(), change.getAccountId(),
                change.getFromRepId(), change.getToRepId(), change.getApprovedBy());
    }

    private AssignmentChangeMapping() {
    }
}
