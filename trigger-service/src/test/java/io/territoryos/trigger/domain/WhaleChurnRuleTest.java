package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.territoryos.trigger.domain.Facts.HOUR;
import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.evidence;
import static io.territoryos.trigger.domain.Facts.rep;
import static io.territoryos.trigger.domain.Facts.territory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhaleChurnRuleTest {

    private final WhaleChurnRule rule = new WhaleChurnRule(WhaleChurnRule.Settings.defaults());
    private final RepFacts owner = rep("R-1", "East", RepState.ACTIVE, T0);

    private static AccountLoss loss(String account, double potential, long at) {
        return new AccountLoss(account, "R-1", "MID_MARKET", "NA-EAST", potential, false, at);
    }

    @Test
    void shouldFireAtExactlyTenPercentOfTheTerritoryBeforeTheLoss() {
        // health from before the churn still holds the account: 100K of 1M
        TriggerCommand command = rule.evaluate(loss("A-1", 100_000, T0 + HOUR), territory("R-1", "East", 10, 1_000_000, T0), owner)
                .orElseThrow();

        assertThat(command.commandId()).isEqualTo("WHALE_CHURN:A-1:" + (T0 + HOUR));
        // the owner's whole team, not narrowed to the owner's segment or region
        assertThat(command.scope()).isEqualTo(new CommandScope("East", null, null, List.of("R-1")));
        assertThat(command.cooldownSubject()).isEqualTo("A-1");
        assertThat(evidence(command, "lost_potential_share").value()).isCloseTo(0.10, within(1e-12));
        assertThat(evidence(command, "lost_potential_share").threshold()).isEqualTo(0.10);
        assertThat(evidence(command, "territory_potential_before").value()).isEqualTo(1_000_000);
    }

    @Test
    void shouldNotFireJustBelowTenPercent() {
        assertThat(rule.evaluate(loss("A-1", 99_999, T0 + HOUR), territory("R-1", "East", 10, 1_000_000, T0), owner)).isEmpty();
    }

    @Test
    void shouldAddTheLostPotentialBackWhenHealthAlreadyReflectsTheLoss() {
        // health produced by the churn itself: 900K left, so the territory held 1M before
        TriggerCommand command = rule.evaluate(loss("A-1", 100_000, T0 + HOUR),
                territory("R-1", "East", 9, 900_000, T0 + HOUR), owner).orElseThrow();

        assertThat(evidence(command, "territory_potential_before").value()).isEqualTo(1_000_000);
        assertThat(evidence(command, "territory_potential_after").value()).isEqualTo(900_000);
    }

    @Test
    void shouldNotFireWithoutAnOwnerOrATerritory() {
        AccountLoss pooled = new AccountLoss("A-1", null, "MID_MARKET", "NA-EAST", 500_000, false, T0);
        assertThat(rule.evaluate(pooled, territory("R-1", "East", 1, 500_000, T0), owner)).isEmpty();
        assertThat(rule.evaluate(loss("A-1", 500_000, T0), null, owner)).isEmpty();
    }

    @Test
    void shouldNotFireForAnOwnerOnNoKnownTeam() {
        // the rep's row was deleted before their accounts: no roster entry, and health that names no team
        assertThat(rule.evaluate(loss("A-1", 500_000, T0 + HOUR), territory("R-1", null, 1, 500_000, T0), null)).isEmpty();
        // the roster's team wins over health's, and health's stands in for a rep the roster does not know
        assertThat(rule.evaluate(loss("A-1", 500_000, T0 + HOUR), territory("R-1", "East", 1, 500_000, T0), null))
                .map(c -> c.scope().team()).contains("East");
    }

    @Test
    void shouldIgnoreLossesBelowTheMinimumPotential() {
        WhaleChurnRule floor = new WhaleChurnRule(new WhaleChurnRule.Settings(true, 0.10, 200_000, Duration.ZERO));
        assertThat(floor.evaluate(loss("A-1", 150_000, T0 + 1), territory("R-1", "East", 2, 300_000, T0), owner)).isEmpty();
    }

    @Test
    void shouldLetASecondWhaleOfAnotherRepAndAccountInTheSameTeamThroughWithinTheCooldown() {
        CommandGate gate = TriggerRules.defaults().gate(); // whale cooldown 1 h per account
        Facts.Memory memory = new Facts.Memory();
        TriggerCommand first = rule.evaluate(loss("A-1", 200_000, T0 + 1), territory("R-1", "East", 10, 1_000_000, T0), owner)
                .orElseThrow();
        AccountLoss otherRepsWhale = new AccountLoss("A-2", "R-2", "MID_MARKET", "NA-EAST", 300_000, false, T0 + HOUR / 2);
        TriggerCommand second = rule.evaluate(otherRepsWhale, territory("R-2", "East", 10, 1_000_000, T0),
                rep("R-2", "East", RepState.ACTIVE, T0)).orElseThrow();

        assertThat(second.scope().team()).isEqualTo("East");
        assertThat(gate.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(second, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(memory.emitted).containsOnlyKeys(first.commandId(), second.commandId());
    }

    @Test
    void shouldHoldTheSameAccountLostTwiceWithinTheCooldownAndDropAReplay() {
        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        TerritoryFacts territory = territory("R-1", "East", 10, 1_000_000, T0);
        TriggerCommand first = rule.evaluate(loss("A-1", 200_000, T0 + 1), territory, owner).orElseThrow();
        // won back, then lost again within the hour
        TriggerCommand again = rule.evaluate(loss("A-1", 200_000, T0 + HOUR - 1), territory, owner).orElseThrow();
        TriggerCommand later = rule.evaluate(loss("A-1", 200_000, T0 + 1 + HOUR), territory, owner).orElseThrow();

        assertThat(gate.admit(first, memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(first, memory)).isEqualTo(CommandGate.Verdict.DUPLICATE);
        assertThat(gate.admit(again, memory)).isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(gate.admit(again, memory)).as("a replay of the held one").isEqualTo(CommandGate.Verdict.DUPLICATE);
        assertThat(gate.admit(later, memory)).isEqualTo(CommandGate.Verdict.EMIT);

        assertThat(memory.emitted).containsOnlyKeys(first.commandId(), later.commandId());
        assertThat(memory.suppressed).containsOnlyKeys(again.commandId());
        assertThat(memory.suppressed.get(again.commandId()).cooldownEndsAt()).isEqualTo(T0 + 1 + HOUR);
    }
}
