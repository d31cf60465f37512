package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.territoryos.trigger.domain.Facts.HOUR;
import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.evidence;
import static io.territoryos.trigger.domain.Facts.rep;
import static org.assertj.core.api.Assertions.assertThat;

class NewMarketRuleTest {

    private final NewMarketRule rule = new NewMarketRule(NewMarketRule.Settings.defaults());
    private final List<RepFacts> roster = List.of(
            rep("R-1", "East", "MID_MARKET", "NA-EAST", RepState.ACTIVE),
            rep("R-2", "Emea", "ENTERPRISE", "EMEA", RepState.ACTIVE),
            rep("R-3", "Latam", "ENTERPRISE", "LATAM", RepState.EXITED));

    private static MarketEntry entry(String account, String segment, String region, long at) {
        return new MarketEntry(account, segment, region, 300_000, at);
    }

    private static MarketState state(MarketEntry... entries) {
        MarketState state = MarketState.empty(entries[0].market(), entries[0].eventTime());
        for (MarketEntry e : entries) {
            state = state.with(e.accountId(), e.potential());
        }
        return state;
    }

    @Test
    void shouldFireForAnAccountInARegionWhereOnlyAnExitedRepSold() {
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);
        TriggerCommand command = single(rule.evaluate(entry, state(entry), roster));

        assertThat(command.type()).isEqualTo(CommandType.NEW_MARKET);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:ENTERPRISE/LATAM:Emea:" + T0);
        // the team, and the market's segment and region: the optimizer finds the market's unassigned accounts by them
        assertThat(command.scope()).isEqualTo(new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()));
        assertThat(command.cooldownSubject()).isEqualTo("ENTERPRISE/LATAM:Emea");
        assertThat(evidence(command, "team_segment_reps").value()).isEqualTo(1);
        assertThat(evidence(command, "active_reps_covering").value()).isZero();
        assertThat(evidence(command, "uncovered_potential").value()).isEqualTo(300_000);
    }

    @Test
    void shouldNotFireWhereAnActiveRepCovers() {
        MarketEntry entry = entry("A-1", "MID_MARKET", "NA-EAST", T0);
        assertThat(rule.evaluate(entry, state(entry), roster)).isEmpty();
    }

    @Test
    void shouldNotFireBeforeAnyRepIsKnown() {
        MarketEntry entry = entry("A-1", "SMB", "APAC", T0);
        assertThat(rule.evaluate(entry, state(entry), List.of())).isEmpty();
    }

    @Test
    void shouldWaitForTheMinimumNumberOfAccounts() {
        NewMarketRule two = new NewMarketRule(new NewMarketRule.Settings(true, true, 2, Duration.ZERO));
        MarketEntry first = entry("A-1", "SMB", "APAC", T0);
        MarketEntry second = entry("A-2", "SMB", "APAC", T0 + 1);

        assertThat(two.evaluate(first, state(first), roster)).isEmpty();
        TriggerCommand command = single(two.evaluate(second, state(first, second), roster));
        assertThat(command.scope().team()).as("no team sells to SMB").isNull();
        assertThat(command.partitionKey()).isEqualTo(TriggerCommand.ORG_KEY);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:SMB/APAC:" + TriggerCommand.ORG_KEY + ":" + (T0 + 1));
    }

    @Test
    void shouldCountAnyRepOfTheSegmentWhenRegionsAreIgnored() {
        NewMarketRule anyRegion = new NewMarketRule(new NewMarketRule.Settings(true, false, 1, Duration.ZERO));
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);
        assertThat(anyRegion.evaluate(entry, state(entry), roster)).isEmpty();
    }

    @Test
    void shouldHoldFurtherAccountsOfTheSameMarketDuringTheCooldown() {
        CommandGate gate = TriggerRules.defaults().gate(); // 24 h per market
        Facts.Memory memory = new Facts.Memory();
        MarketEntry first = entry("A-1", "ENTERPRISE", "LATAM", T0);
        MarketEntry second = entry("A-2", "ENTERPRISE", "LATAM", T0 + HOUR);
        MarketEntry elsewhere = entry("A-3", "SMB", "APAC", T0 + HOUR);

        assertThat(gate.admit(single(rule.evaluate(first, state(first), roster)), memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(single(rule.evaluate(second, state(first, second), roster)), memory))
                .isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(gate.admit(single(rule.evaluate(elsewhere, state(elsewhere), roster)), memory))
                .isEqualTo(CommandGate.Verdict.EMIT);
    }

    @Test
    void shouldSendTheMarketToEveryTeamThatSellsToItsSegmentEachWithItsOwnId() {
        List<RepFacts> twoTeams = List.of(
                rep("R-1", "West", "ENTERPRISE", "NA-WEST", RepState.ACTIVE),
                rep("R-2", "Emea", "ENTERPRISE", "EMEA", RepState.ACTIVE),
                rep("R-3", "Emea", "ENTERPRISE", "EMEA", RepState.RAMPING),
                rep("R-4", "East", "MID_MARKET", "LATAM", RepState.ACTIVE),
                rep("R-5", "Apac", "ENTERPRISE", "APAC", RepState.ON_LEAVE));
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);

        List<TriggerCommand> commands = rule.evaluate(entry, state(entry), twoTeams);

        // East sells to another segment, Apac's only rep of the segment is on leave
        assertThat(commands).extracting(TriggerCommand::commandId)
                .containsExactly("NEW_MARKET:ENTERPRISE/LATAM:Emea:" + T0, "NEW_MARKET:ENTERPRISE/LATAM:West:" + T0);
        assertThat(commands).extracting(TriggerCommand::scope).containsExactly(
                new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()),
                new CommandScope("West", "ENTERPRISE", "LATAM", List.of()));
        assertThat(commands).extracting(c -> evidence(c, "team_segment_reps").value()).containsExactly(2.0, 1.0);
        assertThat(rule.evaluate(entry, state(entry), twoTeams)).as("a replay yields the same ids")
                .extracting(TriggerCommand::commandId).isEqualTo(commands.stream().map(TriggerCommand::commandId).toList());

        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        assertThat(commands).extracting(c -> gate.admit(c, memory))
                .as("the cooldown is per market and team: one team's command does not hold the other's")
                .containsExactly(CommandGate.Verdict.EMIT, CommandGate.Verdict.EMIT);
    }

    private static TriggerCommand single(List<TriggerCommand> commands) {
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }
}
