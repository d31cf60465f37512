package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * REP_EXIT: a rep's status becomes EXITED and their book is orphaned. The whole team is rebalanced, so the scope is
 * the rep's team, not narrowed to the rep's segment or region (the optimizer would otherwise rebalance only part of
 * the team), and names the rep in {@code repIds}. One command per exit, whether the trigger saw the rep leave or first
 * met them already gone with accounts still in their name.
 */
public final class RepExitRule {

    /**
     * @param deleteIsExit a rep row deleted from the CRM orphans the book just like an exit
     * @param cooldown     per exited rep (never per team: two exits in one team are two orphaned books, each with its
     *                     own command); zero by default, so it only matters for a rep who comes back and exits again
     */
    public record Settings(boolean enabled, boolean deleteIsExit, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, true, Duration.ZERO);
        }
    }

    private final Settings settings;

    public RepExitRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** What REP_EXIT remembers about the rep afterwards (null: no exit to follow) and the command, if it fired. */
    public record Outcome(RepExit exit, TriggerCommand command) {
        static final Outcome NOTHING = new Outcome(null, null);

        public Optional<TriggerCommand> fired() {
            return Optional.ofNullable(command);
        }
    }

    /**
     * A rep record arrived. Each exit fires once, as soon as the rep is known to leave a book behind:
     * <ul>
     *   <li>seen changing from another status to EXITED: fires at once, unless the rep's territory is known to be
     *       empty (territory health may lag the CRM, and a rep who was just active almost always has a book);</li>
     *   <li>first seen already EXITED (the service started after the exit, its state was reset, a CRM snapshot):
     *       fires only if the territory health shows accounts still owned by the rep, since an exit long ago whose
     *       book was already redistributed must not rebalance the team again;</li>
     *   <li>otherwise the exit waits, and fires when territory health later shows an account of the rep's (see
     *       {@link #onTerritory}): a RevOps user expects orphans redistributed whenever they show up, while a rep who
     *       left with an empty book needs no rebalance.</li>
     * </ul>
     * Re-delivery of the rep row, a re-snapshot or a restart finds the exit already fired and emits nothing; a rep
     * who comes back (any status but EXITED) ends the exit, so leaving again is a new exit with its own command.
     *
     * @param before    previous state of the rep, null when never seen
     * @param exit      the exit being followed for this rep, null when none
     * @param territory the rep's latest territory health, null when none was seen
     * @param roster    every rep known, for the team's remaining size
     */
    public Outcome onRep(RepFacts before, RepFacts after, RepExit exit, TerritoryFacts territory,
                         Collection<RepFacts> roster) {
        if (!settings.enabled() || after == null || after.state() != RepState.EXITED) {
            return Outcome.NOTHING;
        }
        if (exit != null && exit.fired()) {
            return new Outcome(exit, null);
        }
        boolean seenLeaving = before != null && before.state() != RepState.EXITED;
        // without a followed exit, a rep already stored EXITED is one this rule had not followed yet (older state)
        RepExit current = exit != null ? exit
                : RepExit.waiting(after, before != null && !seenLeaving ? before.changedAt() : after.changedAt());
        boolean leavesBook = seenLeaving && exit == null ? territory == null || territory.accountCount() > 0
                : ownsAccounts(territory);
        if (!leavesBook) {
            return new Outcome(current, null);
        }
        // an exit record may come without a team; the team the rep sold for is the one to rebalance
        RepFacts leaving = after.team() == null && before != null ? withTeam(after, before.team()) : after;
        return new Outcome(current.firedNow(), command(leaving, current.exitedAt(), territory, roster));
    }

    /** New territory health for a rep: a waiting exit fires once the rep is seen still owning accounts. */
    public Outcome onTerritory(RepFacts rep, RepExit exit, TerritoryFacts territory, Collection<RepFacts> roster) {
        if (!settings.enabled() || rep == null || rep.state() != RepState.EXITED) {
            return new Outcome(exit, null);
        }
        RepExit current = exit != null ? exit : RepExit.waiting(rep, rep.changedAt());
        if (current.fired() || !ownsAccounts(territory)) {
            return new Outcome(current, null);
        }
        return new Outcome(current.firedNow(), command(rep, current.exitedAt(), territory, roster));
    }

    /**
     * A rep row deleted from the CRM, read as an exit when configured so. Deleting a rep who had already exited is
     * not a second exit: that exit fired, or is moot now that the rep is gone.
     */
    public Optional<TriggerCommand> onDeletion(RepFacts before, long eventTime, TerritoryFacts territory,
                                               Collection<RepFacts> roster) {
        if (!settings.enabled() || !settings.deleteIsExit() || before == null || before.state() == RepState.EXITED
                || (territory != null && territory.accountCount() == 0)) {
            return Optional.empty();
        }
        return Optional.of(command(before.exitedAt(eventTime), eventTime, territory, roster));
    }

    private static RepFacts withTeam(RepFacts rep, String team) {
        return new RepFacts(rep.repId(), rep.name(), rep.state(), rep.segment(), rep.region(), team, rep.quota(),
                rep.changedAt());
    }

    private static boolean ownsAccounts(TerritoryFacts territory) {
        return territory != null && territory.accountCount() > 0;
    }

    private static TriggerCommand command(RepFacts rep, long exitedAt, TerritoryFacts territory,
                                          Collection<RepFacts> roster) {
        String team = rep.team();
        long remaining = roster.stream()
                .filter(r -> !r.repId().equals(rep.repId()) && r.carriesBook() && team != null && team.equals(r.team()))
                .count();
        List<EvidenceItem> evidence = new ArrayList<>();
        String orphans;
        if (territory != null) {
            evidence.add(EvidenceItem.of("orphaned_accounts", territory.accountCount(), rep.repId()));
            evidence.add(EvidenceItem.of("orphaned_potential", territory.potentialTotal(), rep.repId()));
            orphans = territory.accountCount() + " accounts with " + Numbers.money(territory.potentialTotal())
                    + " potential are orphaned";
        } else {
            orphans = "no territory health seen yet for the rep";
        }
        evidence.add(EvidenceItem.of("team_active_reps", remaining, team));
        evidence.add(EvidenceItem.of("rep_quota", rep.quota(), rep.repId()));
        String summary = "Rep " + rep.displayName() + " of team " + team + " exited: " + orphans
                + "; rebalance the team's " + remaining + " remaining active reps.";
        CommandScope scope = CommandScope.team(team, List.of(rep.repId()));
        return new TriggerCommand("REP_EXIT:" + rep.repId() + ":" + exitedAt,
                CommandType.REP_EXIT, scope, evidence, summary, rep.repId(), exitedAt);
    }
}
