package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.optimizer.domain.RebalanceProblem;
import io.territoryos.optimizer.domain.TeamFigures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns a maker's request into a MANUAL rebalance command on rebalance.commands, with the team's current CV of
 * coverage as evidence; the command is solved like a trigger's, and its requester (the maker) cannot approve it.
 */
public final class RebalanceRequestService {

    private final BookSource books;
    private final CommandSink commands;
    private final Duration snapshotTimeout;
    private final Clock clock;

    public RebalanceRequestService(BookSource books, CommandSink commands, Duration snapshotTimeout, Clock clock) {
        this.books = books;
        this.commands = commands;
        this.snapshotTimeout = snapshotTimeout;
        this.clock = clock;
    }

    /**
     * Publishes and returns the command. {@code maxMoveFraction} null = the budget of the team's policy.
     *
     * @throws IllegalArgumentException when the team has no rep or the budget is outside 0..1
     */
    public RebalanceCommand request(String team, Double maxMoveFraction, String reason, String requestedBy)
            throws TimeoutException, InterruptedException {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("a rebalance request names a team");
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("a rebalance request needs an authenticated requester");
        }
        if (maxMoveFraction != null && !(maxMoveFraction >= 0 && maxMoveFraction <= 1)) {
            throw new IllegalArgumentException("max_move_fraction must be within 0..1: " + maxMoveFraction);
        }
        BookSource.Books snapshot = books.snapshot(team, null, null, snapshotTimeout);
        if (snapshot.reps().isEmpty()) {
            throw new IllegalArgumentException("no rep in team " + team);
        }
        double cv = TeamFigures.current(new RebalanceProblem(snapshot.accounts(), snapshot.reps(), null,
                snapshot.policies(), snapshot.warnings())).cvCoverage();
        Instant now = clock.instant();
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        RebalanceCommand command = RebalanceCommand.newBuilder()
                // the millisecond keeps two requests apart; a retried HTTP call is a new request by design
                .setCommandId("MANUAL:" + team + ":" + requestedBy + ":" + now.toEpochMilli())
                .setType(TriggerType.MANUAL)
                .setScope(Scope.newBuilder().setTeam(team).build())
                .setEvidence(List.of(Evidence.newBuilder().setName("coverage_cv").setValue(cv).setSubject(team).build()))
                .setSummary("Manual rebalance of " + team + " requested by " + requestedBy + ": " + why)
                .setRequestedBy(requestedBy)
                .setMaxMoveFraction(maxMoveFraction)
                .setSourceEventTime(now)
                .setIssuedAt(now)
                .build();
        commands.publishCommand(command);
        return command;
    }
}
