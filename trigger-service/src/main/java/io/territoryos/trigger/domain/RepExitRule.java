package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * REP_EXIT: a rep's status becomes EXITED. Their book is orphaned and the whole team is rebalanced, so the scope is
 * the rep's team (narrowed to the rep's segment and region) and names the rep.
 */
public final class RepExitRule {

    /**
     * @param deleteIsExit a rep row deleted from the CRM orphans the book just like an exit
     * @param cooldown     per team; zero by default because two exits are two orphaned books
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

    /**
     * Only a transition fires: the previous status must be known and not EXITED, so a duplicated or replayed CDC
     * record (previous already EXITED) and the snapshot of a rep who left long ago (no previous) emit nothing.
     *
     * @param before    previous state of the rep, null when never seen
     * @param after     new state
     * @param territory the rep's latest territory health, null when none was seen
     * @param roster    every rep known, for the team's remaining size
     */
    public Optional<TriggerCommand> evaluate(RepFacts before, RepFacts after, TerritoryFacts territory,
                                             Collection<RepFacts> roster) {
        if (!settings.enabled() || before == null || after == null
                || before.state() == RepState.EXITED || after.state() != RepState.EXITED) {
            return Optional.empty();
        }
        String team = after.team() != null ? after.team() : before.team();
        long remaining = roster.stream()
                .filter(r -> !r.repId().equals(after.repId()) && r.carriesBook() && team != null && team.equals(r.team()))
                .count();
        List<EvidenceItem> evidence = new ArrayList<>();
        String orphans;
        if (territory != null) {
            evidence.add(EvidenceItem.of("orphaned_accounts", territory.accountCount(), after.repId()));
            evidence.add(EvidenceItem.of("orphaned_potential", territory.potentialTotal(), after.repId()));
            orphans = territory.accountCount() + " accounts with " + Numbers.money(territory.potentialTotal())
                    + " potential are orphaned";
        } else {
            orphans = "no territory health seen yet for the rep";
        }
        evidence.add(EvidenceItem.of("team_active_reps", remaining, team));
        evidence.add(EvidenceItem.of("rep_quota", after.quota(), after.repId()));
        String summary = "Rep " + after.displayName() + " of team " + team + " exited: " + orphans
                + "; rebalance the team's " + remaining + " remaining active reps.";
        CommandScope scope = new CommandScope(team, after.segment(), after.region(), List.of(after.repId()));
        return Optional.of(new TriggerCommand("REP_EXIT:" + after.repId() + ":" + after.changedAt(),
                CommandType.REP_EXIT, scope, evidence, summary, subject(team), after.changedAt()));
    }

    /** A rep row deleted from the CRM, read as an exit when configured so. */
    public Optional<TriggerCommand> evaluateDeletion(RepFacts before, long eventTime, TerritoryFacts territory,
                                                     Collection<RepFacts> roster) {
        if (!settings.deleteIsExit() || before == null) {
            return Optional.empty();
        }
        return evaluate(before, before.exitedAt(eventTime), territory, roster);
    }

    private static String subject(String team) {
        return team == null ? TriggerCommand.ORG_KEY : team;
    }
}
