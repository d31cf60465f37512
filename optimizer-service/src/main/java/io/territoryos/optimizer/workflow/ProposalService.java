package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.ProposalStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Answers a rebalance command with a proposal: snapshot of the scope's books as of the command, solve, store,
 * publish. Idempotent per command: a redelivered command re-publishes the proposal it already has.
 */
public final class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);

    private final BookSource books;
    private final Rebalancer rebalancer;
    private final ProposalStore store;
    private final ProposalSink publisher;
    private final RebalanceOptions defaults;
    private final Duration snapshotTimeout;
    private final Clock clock;

    public ProposalService(BookSource books, Rebalancer rebalancer, ProposalStore store, ProposalSink publisher,
                           RebalanceOptions defaults, Duration snapshotTimeout, Clock clock) {
        this.books = books;
        this.rebalancer = rebalancer;
        this.store = store;
        this.publisher = publisher;
        this.defaults = defaults;
        this.snapshotTimeout = snapshotTimeout;
        this.clock = clock;
    }

    public RebalanceProposal handle(RebalanceCommand command) throws TimeoutException, InterruptedException {
        String proposalId = ProposalMapping.proposalId(command);
        Optional<RebalanceProposal> existing = store.find(proposalId);
        if (existing.isPresent()) {
            LOG.infof("command %s already answered by %s; re-publishing", command.getCommandId(), proposalId);
            publisher.publish(existing.get());
            return existing.get();
        }
        RebalanceResult result = rebalancer.solve(problemFor(command));
        RebalanceProposal proposal = ProposalMapping.proposal(command, result, clock.instant());
        store.save(proposal);
        store.audit(AuditEntry.of(proposalId, "SOLVED", "optimizer-service", null, proposal.getCreatedAt(),
                "%s, %d moves, solver %s in %d ms".formatted(proposal.getStatus(), proposal.getMoves().size(),
                        proposal.getSolver().getStatus(), proposal.getSolver().getSolveTimeMs())));
        publisher.publish(proposal);
        LOG.infof("proposal %s for %s %s: %s, %d moves, CV of coverage %.3f -> %.3f", proposalId,
                command.getType(), command.getCommandId(), proposal.getStatus(), proposal.getMoves().size(),
                proposal.getBefore().getCvCoverage(), proposal.getAfter().getCvCoverage());
        return proposal;
    }

    /** The command's scope as of now, with the command's budget override if it has one. */
    public RebalanceProblem problemFor(RebalanceCommand command) throws TimeoutException, InterruptedException {
        Scope scope = command.getScope();
        BookSource.Books snapshot = books.snapshot(scope.getTeam(),
                scope.getSegment() == null ? null : scope.getSegment().name(), scope.getRegion(), snapshotTimeout);
        RebalanceOptions options = command.getMaxMoveFraction() == null ? defaults
                : defaults.withMaxMoveFraction(command.getMaxMoveFraction());
        return new RebalanceProblem(snapshot.accounts(), snapshot.reps(), options);
    }
}
