package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.optimizer.domain.Proposal;

/** The contract's proposal, seen as the maker-checker aggregate {@link Proposal} (the math stays in the record). */
public final class ProposalStates {

    public static Proposal of(RebalanceProposal proposal) {
        return new Proposal(proposal.getProposalId(),
                proposal.getCommand().getScope() == null ? null : proposal.getCommand().getScope().getTeam(),
                Proposal.Status.valueOf(proposal.getStatus().name()), proposal.getCommand().getRequestedBy(),
                proposal.getDecidedBy(), proposal.getSupersededBy());
    }

    public static io.territoryos.contracts.avro.ProposalStatus status(Proposal.Status status) {
        return io.territoryos.contracts.avro.ProposalStatus.valueOf(status.name());
    }

    private ProposalStates() {
    }
}
