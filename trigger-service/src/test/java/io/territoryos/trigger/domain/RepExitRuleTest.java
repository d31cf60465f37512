package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.evidence;
import static io.territoryos.trigger.domain.Facts.rep;
import static io.territoryos.trigger.domain.Facts.roster;
import static io.territoryos.trigger.domain.Facts.territory;
import static org.assertj.core.api.Assertions.assertThat;

class RepExitRuleTest {

    private final RepExitRule rule = new RepExitRule(RepExitRule.Settings.defaults());
    private final RepFacts active = rep("R-1", "East", RepState.ACTIVE, T0);
    private final RepFacts exited = rep("R-1", "East", RepState.EXITED, T0 + 5_000);
    private final TerritoryFacts book = territory("R-1", "East", 42, 3_200_000, T0);
    private final TerritoryFacts emptyBook = territory("R-1", "East", 0, 0, T0);
    private final List<RepFacts> roster = roster(exited,
            rep("R-2", "East", RepState.ACTIVE, T0), rep("R-3", "East", RepState.RAMPING, T0),
            rep("R-4", "East", RepState.ON_LEAVE, T0), rep("R-9", "West", RepState.ACTIVE, T0));

    @Test
    void shouldScopeTheWholeTeamWithOrphansAsEvidenceWhenARepExits() {
        TriggerCommand command = rule.onRep(active, exited, null, book, roster).fired().orElseThrow();

        assertThat(command.type()).isEqualTo(CommandType.REP_EXIT);
        assertThat(command.commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 5_000));
        // the whole team: not narrowed to the rep's segment (MID_MARKET) or region (NA-EAST)
        assertThat(command.scope()).isEqualTo(new CommandScope("East", null, null, List.of("R-1")));
        assertThat(command.cooldownSubject()).isEqualTo("R-1");
        assertThat(evidence(command, "orphaned_accounts").value()).isEqualTo(42);
        assertThat(evidence(command, "orphaned_potential").value()).isEqualTo(3_200_000);
        // carry books; R-4 is on leave, R-9 is in another team, R-1 is the one leaving
        assertThat(evidence(command, "team_active_reps").value()).isEqualTo(2);
        assertThat(command.partitionKey()).isEqualTo("East");
        assertThat(command.sourceEventTime()).isEqualTo(T0 + 5_000);
    }

    @Test
    void shouldFireAtOnceForAnExitSeenHappeningEvenBeforeTheTerritoryIsKnown() {
        RepExitRule.Outcome outcome = rule.onRep(active, exited, null, null, roster);

        assertThat(outcome.fired()).isPresent();
        assertThat(outcome.exit()).isEqualTo(new RepExit("R-1", T0 + 5_000, true));
    }

    @Test
    void shouldFireForARepFirstSeenAlreadyExitedWhoStillOwnsAccounts() {
        RepExitRule.Outcome outcome = rule.onRep(null, exited, null, book, roster);

        assertThat(outcome.fired().orElseThrow().commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 5_000));
        assertThat(outcome.exit().fired()).isTrue();
    }

    @Test
    void shouldNotFireAgainForAnExitThatAlreadyFired() {
        RepExit fired = rule.onRep(null, exited, null, book, roster).exit();

        assertThat(rule.onRep(exited, exited, fired, book, roster).fired()).isEmpty();
        assertThat(rule.onRep(exited, rep("R-1", "East", RepState.EXITED, T0 + 9_000), fired, book, roster).fired())
                .as("a re-snapshot of the same exit, with a newer timestamp").isEmpty();
        assertThat(rule.onTerritory(exited, fired, book, roster).fired()).isEmpty();
    }

    @Test
    void shouldWaitWhenAnExitedRepIsFirstSeenWithoutAKnownBookAndFireWhenTheirAccountsShowUp() {
        RepExitRule.Outcome first = rule.onRep(null, exited, null, null, roster);
        assertThat(first.fired()).isEmpty();
        assertThat(first.exit()).isEqualTo(new RepExit("R-1", T0 + 5_000, false));

        RepExitRule.Outcome empty = rule.onTerritory(exited, first.exit(), emptyBook, roster);
        assertThat(empty.fired()).as("a rep who left with an empty book needs no rebalance").isEmpty();

        RepExitRule.Outcome orphans = rule.onTerritory(exited, empty.exit(), book, roster);
        assertThat(orphans.fired().orElseThrow().commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 5_000));
        assertThat(orphans.exit().fired()).isTrue();
    }

    @Test
    void shouldNotFireForAnExitWhoseBookIsKnownEmpty() {
        assertThat(rule.onRep(active, exited, null, emptyBook, roster).fired()).isEmpty();
        assertThat(rule.onRep(null, exited, null, emptyBook, roster).fired()).isEmpty();
    }

    @Test
    void shouldEndTheExitWhenTheRepComesBackSoTheNextExitIsANewOne() {
        RepExit fired = rule.onRep(active, exited, null, book, roster).exit();
        RepExitRule.Outcome back = rule.onRep(exited, rep("R-1", "East", RepState.ACTIVE, T0 + 60_000), fired, book, roster);
        assertThat(back.exit()).isNull();

        RepFacts exitedAgain = rep("R-1", "East", RepState.EXITED, T0 + 120_000);
        assertThat(rule.onRep(rep("R-1", "East", RepState.ACTIVE, T0 + 60_000), exitedAgain, back.exit(), book, roster)
                .fired().orElseThrow().commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 120_000));
    }

    @Test
    void shouldNotFireForAStatusChangeOtherThanExit() {
        assertThat(rule.onRep(active, rep("R-1", "East", RepState.ON_LEAVE, T0 + 1), null, book, roster).fired()).isEmpty();
    }

    @Test
    void shouldFireFromOnLeaveToExited() {
        assertThat(rule.onRep(rep("R-1", "East", RepState.ON_LEAVE, T0), exited, null, null, roster).fired()).isPresent();
    }

    @Test
    void shouldNotFireWhenDisabled() {
        RepExitRule disabled = new RepExitRule(new RepExitRule.Settings(false, true, Duration.ZERO));
        assertThat(disabled.onRep(active, exited, null, book, roster).fired()).isEmpty();
        assertThat(disabled.onRep(null, exited, null, book, roster).fired()).isEmpty();
    }

    @Test
    void shouldReadADeletedRepAsAnExitUnlessConfiguredOtherwise() {
        assertThat(rule.onDeletion(active, T0 + 9, null, roster).orElseThrow().commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 9));
        assertThat(rule.onDeletion(exited, T0 + 9, book, roster)).as("the exit before the delete was the exit").isEmpty();
        RepExitRule strict = new RepExitRule(new RepExitRule.Settings(true, false, Duration.ZERO));
        assertThat(strict.onDeletion(active, T0 + 9, null, roster)).isEmpty();
    }

    @Test
    void shouldGiveTheSameIdToTheSameExitSoTheGateDropsAReplay() {
        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        TriggerCommand first = rule.onRep(active, exited, null, null, roster).fired().orElseThrow();
        TriggerCommand replay = rule.onRep(active, exited, null, null, roster).fired().orElseThrow();

        assertThat(gate.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(replay, memory)).isEqualTo(CommandGate.Verdict.DUPLICATE);
    }

    @Test
    void shouldLetTwoExitsInOneTeamThroughEvenUnderACooldownSinceItIsCountedPerRep() {
        TriggerCommand first = rule.onRep(active, exited, null, null, roster).fired().orElseThrow();
        TriggerCommand second = rule.onRep(rep("R-2", "East", RepState.ACTIVE, T0),
                rep("R-2", "East", RepState.EXITED, T0 + 60_000), null, null, roster).fired().orElseThrow();

        CommandGate noCooldown = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        assertThat(noCooldown.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(noCooldown.admit(second, memory)).isEqualTo(CommandGate.Verdict.EMIT);

        CommandGate hourly = new TriggerRules(TriggerSettings.defaults()
                .withRepExit(new RepExitRule.Settings(true, true, Duration.ofHours(1)))).gate();
        Facts.Memory fresh = new Facts.Memory();
        assertThat(hourly.admit(first, fresh)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(hourly.admit(second, fresh)).as("another rep of the same team").isEqualTo(CommandGate.Verdict.EMIT);
    }

    @Test
    void shouldHoldTheSameRepExitingAgainWithinTheCooldown() {
        TriggerCommand first = rule.onRep(active, exited, null, null, roster).fired().orElseThrow();
        TriggerCommand again = rule.onRep(rep("R-1", "East", RepState.ACTIVE, T0 + 10_000),
                rep("R-1", "East", RepState.EXITED, T0 + 20_000), null, null, roster).fired().orElseThrow();
        CommandGate hourly = new TriggerRules(TriggerSettings.defaults()
                .withRepExit(new RepExitRule.Settings(true, true, Duration.ofHours(1)))).gate();
        Facts.Memory memory = new Facts.Memory();

        assertThat(hourly.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(hourly.admit(again, memory)).isEqualTo(CommandGate.Verdict.COOLING_DOWN);
    }
}
