package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.HeadcountAnswer;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.RebalanceResult;
import io.territoryos.optimizer.domain.Rebalancer;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.WhatIf;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.ProposalStore;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Answers a rebalance command with a proposal: snapshot of the team's books and policy as of the command, solve,
 * store, publish. Idempotent per command: a redelivered command re-publishes the proposal it already has.
 * <p>
 * A command for a team that already has proposals waiting for approval supersedes them: it is solved on the
 * current books with the evidence of all of them, lists them in {@code supersedes}, and each becomes SUPERSEDED
 * (audited and re-published), so that only the newest can be approved. A proposal that failed supersedes nothing.
 * <p>
 * A NEW_MARKET command whose market no active rep of the team can take (a regional team without a rep there) is
 * INFEASIBLE and carries the headcount answer: what a rep of that segment and region, at the team's median
 * quota, would hold after a rebalance.
 * <p>
 * Callers serialize the commands of one team (see {@link CommandScheduler}): supersede reads the team's pending
 * proposals and then replaces them.
 */
public final class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);
    /** Pending proposals of a team looked at for supersede; more than a handful means something else is wrong. */
    private static final int PENDING_LIMIT = 100;

    private final BookSource books;
    private final Rebalancer rebalancer;
    private final ProposalStore store;
    private final ProposalSink publisher;
    private final RebalanceOptions defaults;
    private final Duration snapshotTimeout;
    private final Clock clock;
    private final WhatIf whatIf;
    private final Map<String, Double> winRates;
    private final Duration timePerThousandAccounts;

    public ProposalService(BookSource books, Rebalancer rebalancer, ProposalStore store, ProposalSink publisher,
                           RebalanceOptions defaults, Duration snapshotTimeout, Clock clock) {
        this(books, rebalancer, store, publisher, defaults, Map.of(), snapshotTimeout, clock);
    }

    /** {@code winRateBySegment}: the projected yield of a headcount answer, as in the what-ifs. */
    public ProposalService(BookSource books, Rebalancer rebalancer, ProposalStore store, ProposalSink publisher,
                           RebalanceOptions defaults, Map<String, Double> winRateBySegment, Duration snapshotTimeout,
                           Clock clock) {
        this(books, rebalancer, store, publisher, defaults, winRateBySegment, snapshotTimeout, clock, Duration.ZERO);
    }

    /**
     * {@code timePerThousandAccounts}: each solve's time limit scales with its team's book (see
     * {@link RebalanceOptions#scaledTo}); zero gives every solve the full limit of {@code defaults}.
     */
    public ProposalService(BookSource books, Rebalancer rebalancer, ProposalStore store, ProposalSink publisher,
                           RebalanceOptions defaults, Map<String, Double> winRateBySegment, Duration snapshotTimeout,
                           Clock clock, Duration timePerThousandAccounts) {
        this.timePerThousandAccounts = timePerThousandAccounts;
        this.books = books;
        this.rebalancer = rebalancer;
        this.store = store;
        this.publisher = publisher;
        this.defaults = defaults;
        this.snapshotTimeout = snapshotTimeout;
        this.clock = clock;
        this.whatIf = new WhatIf(rebalancer, winRateBySegment);
        Map<String, Double> rates = new java.util.HashMap<>(WhatIf.DEFAULT_WIN_RATES);
        rates.putAll(winRateBySegment);
        this.winRates = Map.copyOf(rates);
    }

    /**
     * @throws CommandRejected when the command can never be answered (invalid, or the solver failed on it); any
     *                         other exception is the infrastructure's and the command may be retried
     */
    public RebalanceProposal handle(RebalanceCommand command) throws TimeoutException, InterruptedException {
        validate(command);
        String proposalId = ProposalMapping.proposalId(command);
        Optional<RebalanceProposal> existing = store.find(proposalId);
        if (existing.isPresent()) {
            LOG.infof("command %s already answered by %s; re-publishing", command.getCommandId(), proposalId);
            // a crash between storing the proposal and superseding the older ones: finish the supersede now
            supersedeAll(existing.get());
            publisher.publish(existing.get());
            return existing.get();
        }
        String team = command.getScope().getTeam();
        List<RebalanceProposal> pending = store.list(team, ProposalStatus.PENDING_APPROVAL, PENDING_LIMIT).stream()
                .filter(p -> !p.getProposalId().equals(proposalId))
                .filter(p -> team.equals(p.getCommand().getScope().getTeam()))
                .toList();
        RebalanceCommand effective = withEvidenceOf(command, pending);
        RebalanceProblem problem = problemFor(effective);
        RebalanceResult result = solve(problem);
        HeadcountAnswer headcount = headcount(effective, problem, result);
        RebalanceProposal proposal = ProposalMapping.proposal(effective, result, clock.instant());
        proposal.setHeadcount(headcount);
        boolean replaces = proposal.getStatus() == ProposalStatus.PENDING_APPROVAL
                || proposal.getStatus() == ProposalStatus.NO_CHANGE;
        proposal.setSupersedes(replaces ? pending.stream().map(RebalanceProposal::getProposalId).toList() : List.of());
        store.save(proposal);
        // who asked: the authenticated maker of a MANUAL request, trigger-service for a trigger's command
        store.audit(AuditEntry.of(proposalId, "REQUESTED", command.getRequestedBy(), null, command.getIssuedAt(),
                command.getType() + ": " + command.getSummary()));
        store.audit(AuditEntry.of(proposalId, "SOLVED", "optimizer-service", null, proposal.getCreatedAt(),
                "%s, %d moves, solver %s in %d ms%s".formatted(proposal.getStatus(), proposal.getMoves().size(),
                        proposal.getSolver().getStatus(), proposal.getSolver().getSolveTimeMs(),
                        proposal.getSupersedes().isEmpty() ? "" : ", supersedes " + String.join(", ", proposal.getSupersedes()))));
        RebalanceProposal stored = supersedeAll(proposal);
        publisher.publish(stored);
        LOG.infof("proposal %s for %s %s: %s, %d moves, CV of coverage %.3f -> %.3f%s", proposalId,
                command.getType(), command.getCommandId(), stored.getStatus(), stored.getMoves().size(),
                stored.getBefore().getCvCoverage(), stored.getAfter().getCvCoverage(),
                stored.getSupersedes().isEmpty() ? "" : "; supersedes " + stored.getSupersedes());
        return stored;
    }

    /** The command's team as of now, with its policy, and the budget of the command or else of the policy. */
    public RebalanceProblem problemFor(RebalanceCommand command) throws TimeoutException, InterruptedException {
        Scope scope = command.getScope();
        boolean market = command.getType() == TriggerType.NEW_MARKET && scope.getSegment() != null;
        BookSource.Books snapshot = books.snapshot(scope.getTeam(), market ? scope.getSegment().name() : null,
                market ? scope.getRegion() : null, snapshotTimeout);
        TeamPolicy policy = snapshot.policyOf(scope.getTeam());
        double budget = command.getMaxMoveFraction() != null ? command.getMaxMoveFraction() : policy.maxMoveFraction();
        return new RebalanceProblem(snapshot.accounts(), snapshot.reps(),
                defaults.withMaxMoveFraction(budget).scaledTo(snapshot.accounts().size(), timePerThousandAccounts),
                snapshot.policies(), snapshot.warnings());
    }

    private static void validate(RebalanceCommand command) {
        if (command.getScope() == null || command.getScope().getTeam() == null || command.getScope().getTeam().isBlank()) {
            throw CommandRejected.invalid("command " + command.getCommandId() + " names no team");
        }
        Double budget = command.getMaxMoveFraction();
        if (budget != null && !(budget >= 0 && budget <= 1)) {
            throw CommandRejected.invalid("max_move_fraction of command " + command.getCommandId()
                    + " must be within 0..1: " + budget);
        }
    }

    private RebalanceResult solve(RebalanceProblem problem) {
        try {
            return rebalancer.solve(problem);
        } catch (RuntimeException e) {
            throw new CommandRejected("SOLVE", "the solver failed: " + e.getMessage(), e);
        }
    }

    /** The command with the evidence of the pending proposals it supersedes added, once each. */
    private static RebalanceCommand withEvidenceOf(RebalanceCommand command, List<RebalanceProposal> pending) {
        if (pending.isEmpty()) {
            return command;
        }
        LinkedHashSet<Evidence> evidence = new LinkedHashSet<>(command.getEvidence());
        pending.forEach(p -> evidence.addAll(p.getCommand().getEvidence()));
        return RebalanceCommand.newBuilder(command).setEvidence(new ArrayList<>(evidence)).build();
    }

    /**
     * Marks every proposal the given one supersedes SUPERSEDED (audited, re-published). One a checker decided on
     * meanwhile is dropped from the list, and the proposal stored again without it. Returns the proposal as stored.
     */
    private RebalanceProposal supersedeAll(RebalanceProposal proposal) {
        List<String> kept = new ArrayList<>();
        for (String olderId : proposal.getSupersedes()) {
            if (store.supersede(olderId, proposal.getProposalId())) {
                Instant now = clock.instant();
                store.audit(AuditEntry.of(olderId, "SUPERSEDED", "optimizer-service", null, now,
                        "superseded by " + proposal.getProposalId() + " (" + proposal.getCommand().getType()
                                + " " + proposal.getCommand().getCommandId() + ")"));
                store.find(olderId).ifPresent(publisher::publish);
                kept.add(olderId);
            } else {
                RebalanceProposal older = store.find(olderId).orElse(null);
                if (older != null && older.getStatus() == ProposalStatus.SUPERSEDED
                        && proposal.getProposalId().equals(older.getSupersededBy())) {
                    kept.add(olderId); // already done, before a crash or redelivery
                } else {
                    LOG.infof("%s was decided before %s could supersede it", olderId, proposal.getProposalId());
                }
            }
        }
        if (kept.size() != proposal.getSupersedes().size()) {
            proposal.setSupersedes(kept);
            store.save(proposal);
        }
        return proposal;
    }

    /**
     * For a NEW_MARKET command left without a solution because no active rep of the team can take the market:
     * a rep of the market's segment and region at the team's median quota, the same rebalance solved with them,
     * and the book they would hold. Null otherwise, or when even that solve finds no solution.
     */
    private HeadcountAnswer headcount(RebalanceCommand command, RebalanceProblem problem, RebalanceResult result) {
        Scope scope = command.getScope();
        if (command.getType() != TriggerType.NEW_MARKET || result.status().hasSolution() || scope.getSegment() == null) {
            return null;
        }
        String segment = scope.getSegment().name();
        String region = scope.getRegion();
        boolean covered = problem.reps().stream().anyMatch(rep -> rep.active() && segment.equals(rep.segment())
                && (region == null || !problem.policyOf(rep).regional() || Objects.equals(region, rep.region())));
        if (covered) {
            return null;
        }
        double quota = medianQuota(problem.reps());
        Rep hire = new Rep("HEADCOUNT:" + segment + "/" + (region == null ? "*" : region),
                "New " + segment + " rep" + (region == null ? "" : " in " + region), scope.getTeam(), segment, region,
                RepStatus.ACTIVE, quota, Rep.UNLIMITED_CAPACITY);
        WhatIf.WhatIfResult answer = whatIf.addRep(problem, hire);
        if (!answer.proposal().status().hasSolution()) {
            LOG.infof("no headcount answer for %s: adding a rep in %s/%s does not solve either (%s)",
                    command.getCommandId(), segment, region, answer.proposal().solver().explanation());
            return null;
        }
        int accounts = 0;
        double potential = 0;
        double yield = 0;
        for (Account account : problem.accounts()) {
            if (hire.id().equals(answer.proposal().ownerAfter().get(account.id()))) {
                accounts++;
                potential += account.potential();
                yield += account.potential() * winRates.getOrDefault(account.segment(), 0.0);
            }
        }
        return ProposalMapping.headcount(segment, region, quota, accounts, potential,
                Balance.coverageRatio(potential, quota), yield, answer.after());
    }

    /** Median quota of the team's active reps (of all its reps when none is active; 0 when it has none). */
    static double medianQuota(List<Rep> reps) {
        List<Rep> basis = reps.stream().anyMatch(Rep::active) ? reps.stream().filter(Rep::active).toList() : reps;
        double[] quotas = basis.stream().mapToDouble(Rep::quota).sorted().toArray();
        if (quotas.length == 0) {
            return 0;
        }
        int middle = quotas.length / 2;
        return quotas.length % 2 == 1 ? quotas[middle] : (quotas[middle - 1] + quotas[middle]) / 2;
    }
}
