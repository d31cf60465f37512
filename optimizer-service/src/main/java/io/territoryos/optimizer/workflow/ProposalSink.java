package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.AssignmentChange;
import io.territoryos.contracts.avro.RebalanceProposal;

import java.util.List;

/** Where the workflow's results go: rebalance.proposals and territory.assignments in the service. */
public interface ProposalSink {

    void publish(RebalanceProposal proposal);

    /** All of a proposal's owner changes, atomically. */
    void publishAssignments(List<AssignmentChange> changes);
}
