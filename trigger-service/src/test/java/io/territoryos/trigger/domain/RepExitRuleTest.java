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
    private final List<RepFacts> roster = roster(exited,
            rep("R-2", "East", RepState.ACTIVE, T0), rep("R-3", "East", RepState.RAMPING, T0),
            rep("R-4", "East", RepState.ON_LEAVE, T0), rep("R-9", "West", RepState.ACTIVE, T0));

    @Test
    void shouldScopeTheWholeTeamWithOrphansAsEvidenceWhenARepExits() {
        TriggerCommand command = rule.evaluate(active, exited, territory("R-1", "East", 42, 3_200_000, T0), roster).orElseThrow();

        assertThat(command.type()).isEqualTo(CommandType.REP_EXIT);
        assertThat(command.commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 5_000));
        assertThat(command.scope()).isEqualTo(new CommandScope("East", "MID_MARKET", "NA-EAST", List.of("R-1")));
        assertThat(evidence(command, "orphaned_accounts").value()).isEqualTo(42);
        assertThat(evidence(command, "orphaned_potential").value()).isEqualTo(3_200_000);
        // carry books; R-4 is on leave, R-9 is in another team, R-1 is the one leaving
        assertThat(evidence(command, "team_active_reps").value()).isEqualTo(2);
        assertThat(command.partitionKey()).isEqualTo("East");
        assertThat(command.sourceEventTime()).isEqualTo(T0 + 5_000);
    }

    @Test
    void shouldNotFireWhenTheRepWasAlreadyExited() {
        assertThat(rule.evaluate(exited, exited, null, roster)).isEmpty();
    }

    @Test
    void shouldNotFireForTheFirstSightingOfAnExitedRep() {
        assertThat(rule.evaluate(null, exited, null, roster)).isEmpty();
    }

    @Test
    void shouldNotFireForAStatusChangeOtherThanExit() {
        assertThat(rule.evaluate(active, rep("R-1", "East", RepState.ON_LEAVE, T0 + 1), null, roster)).isEmpty();
    }

    @Test
    void shouldFireFromOnLeaveToExited() {
        assertThat(rule.evaluate(rep("R-1", "East", RepState.ON_LEAVE, T0), exited, null, roster)).isPresent();
    }

    @Test
    void shouldNotFireWhenDisabled() {
        RepExitRule disabled = new RepExitRule(new RepExitRule.Settings(false, true, Duration.ZERO));
        assertThat(disabled.evaluate(active, exited, null, roster)).isEmpty();
    }

    @Test
    void shouldReadADeletedRepAsAnExitUnlessConfiguredOtherwise() {
        assertThat(rule.evaluateDeletion(active, T0 + 9, null, roster).orElseThrow().commandId()).isEqualTo("REP_EXIT:R-1:" + (T0 + 9));
        RepExitRule strict = new RepExitRule(new RepExitRule.Settings(true, false, Duration.ZERO));
        assertThat(strict.evaluateDeletion(active, T0 + 9, null, roster)).isEmpty();
    }

    @Test
    void shouldGiveTheSameIdToTheSameExitSoTheGateDropsAReplay() {
        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        TriggerCommand first = rule.evaluate(active, exited, null, roster).orElseThrow();
        TriggerCommand replay = rule.evaluate(active, exited, null, roster).orElseThrow();

        assertThat(gate.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(replay, memory)).isEqualTo(CommandGate.Verdict.DUPLICATE);
    }

    @Test
    void shouldLetTwoExitsInOneTeamThroughByDefaultButHoldTheSecondUnderACooldown() {
        TriggerCommand first = rule.evaluate(active, exited, null, roster).orElseThrow();
        TriggerCommand second = rule.evaluate(rep("R-2", "East", RepState.ACTIVE, T0),
                rep("R-2", "East", RepState.EXITED, T0 + 60_000), null, roster).orElseThrow();

        CommandGate noCooldown = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        assertThat(noCooldown.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(noCooldown.admit(second, memory)).isEqualTo(CommandGate.Verdict.EMIT);

        CommandGate hourly = new TriggerRules(TriggerSettings.defaults()
                .withRepExit(new RepExitRule.Settings(true, true, Duration.ofHours(1)))).gate();
        Facts.Memory fresh = new Facts.Memory();
        assertThat(hourly.admit(first, fresh)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(hourly.admit(second, fresh)).isEqualTo(CommandGate.Verdict.COOLING_DOWN);
    }
}
