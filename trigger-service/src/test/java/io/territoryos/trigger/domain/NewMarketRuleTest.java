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
    /** Emea sells only in its reps' own regions. */
    private final TeamPolicies emeaRegional = TeamPolicies.of(policy("Emea", 3, true));

    private static TeamPolicyFacts policy(String team, int version, boolean regional) {
        return new TeamPolicyFacts(team, version, regional, T0);
    }

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
    void shouldFireForAnAccountInARegionWhereOnlyAnExitedRepSoldAndTheTeamOfTheSegmentIsRegional() {
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);
        TriggerCommand command = single(rule.evaluate(entry, state(entry), roster, emeaRegional));

        assertThat(command.type()).isEqualTo(CommandType.NEW_MARKET);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:ENTERPRISE/LATAM:Emea:" + T0);
        // the team, and the market's segment and region: the optimizer finds the market's unassigned accounts by them
        assertThat(command.scope()).isEqualTo(new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()));
        assertThat(command.cooldownSubject()).isEqualTo("ENTERPRISE/LATAM:Emea");
        assertThat(evidence(command, "active_reps_covering").value()).isZero();
        assertThat(evidence(command, "uncovered_potential").value()).isEqualTo(300_000);
        assertThat(evidence(command, "team_segment_reps").value()).isEqualTo(1);
        assertThat(evidence(command, "team_regional").value()).isEqualTo(1);
        assertThat(command.summary()).contains("team Emea", "regional (policy v3) with none in LATAM");
    }

    @Test
    void shouldAnswerAMarketThatAskedForHeadcountWithACommandToTheTeamOfTheRepWhoNowCoversIt() {
        MarketEntry first = entry("A-1", "ENTERPRISE", "LATAM", T0);
        MarketState asked = state(first, entry("A-2", "ENTERPRISE", "LATAM", T0 + 1)).askedForHeadcount(T0);
        RepFacts hire = new RepFacts("R-9", "Nine", RepState.RAMPING, "ENTERPRISE", "LATAM", "Emea", 800_000, T0 + HOUR);

        TriggerCommand command = rule.staffed(asked, hire, emeaRegional).orElseThrow();

        assertThat(command.type()).isEqualTo(CommandType.NEW_MARKET);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:ENTERPRISE/LATAM:Emea:staffed:R-9:" + (T0 + HOUR));
        assertThat(command.scope()).isEqualTo(new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()));
        // its own cooldown subject: the ask it answers went out under ENTERPRISE/LATAM:Emea, maybe minutes before
        assertThat(command.cooldownSubject()).isEqualTo("ENTERPRISE/LATAM:Emea:staffed");
        assertThat(command.sourceEventTime()).isEqualTo(T0 + HOUR);
        assertThat(evidence(command, "uncovered_accounts").value()).isEqualTo(2);
        assertThat(evidence(command, "uncovered_potential").value()).isEqualTo(600_000);
        assertThat(evidence(command, "active_reps_covering").value()).isEqualTo(1);
        assertThat(evidence(command, "headcount_asked_at").value()).isEqualTo(T0);
        assertThat(command.summary()).contains("2 account(s)", "ENTERPRISE/LATAM", "rep R-9 of team Emea", "assign them");
    }

    @Test
    void shouldAnswerNothingForAMarketThatAskedNothingOrARepWhoDoesNotCoverIt() {
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);
        MarketState asked = state(entry).askedForHeadcount(T0);
        RepFacts latam = new RepFacts("R-9", "Nine", RepState.ACTIVE, "ENTERPRISE", "LATAM", "Emea", 800_000, T0 + HOUR);

        assertThat(state(entry).headcountAsked()).isFalse();
        assertThat(rule.staffed(state(entry), latam, emeaRegional)).isEmpty();
        assertThat(rule.staffed(asked, new RepFacts("R-8", "Eight", RepState.ACTIVE, "ENTERPRISE", "EMEA", "Emea",
                800_000, T0 + HOUR), emeaRegional)).isEmpty();
        assertThat(rule.staffed(asked, new RepFacts("R-7", "Seven", RepState.ON_LEAVE, "ENTERPRISE", "LATAM", "Emea",
                800_000, T0 + HOUR), emeaRegional)).isEmpty();
        assertThat(rule.staffed(asked, new RepFacts("R-6", "Six", RepState.ACTIVE, "MID_MARKET", "LATAM", "East",
                800_000, T0 + HOUR), emeaRegional)).isEmpty();
        assertThat(rule.staffed(asked.without("A-1"), latam, emeaRegional)).isEmpty();
        // the first ask is kept
        assertThat(asked.askedForHeadcount(T0 + HOUR).headcountAskedAt()).isEqualTo(T0);
    }

    @Test
    void shouldNotFireWhereAnActiveRepCovers() {
        MarketEntry entry = entry("A-1", "MID_MARKET", "NA-EAST", T0);
        assertThat(rule.evaluate(entry, state(entry), roster, emeaRegional)).isEmpty();
    }

    @Test
    void shouldNotFireBeforeAnyRepIsKnown() {
        MarketEntry entry = entry("A-1", "SMB", "APAC", T0);
        assertThat(rule.evaluate(entry, state(entry), List.of(), TeamPolicies.NONE)).isEmpty();
    }

    @Test
    void shouldWaitForTheMinimumNumberOfAccounts() {
        NewMarketRule two = new NewMarketRule(new NewMarketRule.Settings(true, 2, Duration.ZERO));
        MarketEntry first = entry("A-1", "SMB", "APAC", T0);
        MarketEntry second = entry("A-2", "SMB", "APAC", T0 + 1);

        assertThat(two.evaluate(first, state(first), roster, TeamPolicies.NONE)).isEmpty();
        TriggerCommand command = single(two.evaluate(second, state(first, second), roster, TeamPolicies.NONE));
        assertThat(command.scope().team()).as("no team sells to SMB").isNull();
        assertThat(command.partitionKey()).isEqualTo(TriggerCommand.ORG_KEY);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:SMB/APAC:" + TriggerCommand.ORG_KEY + ":" + (T0 + 1));
    }

    @Test
    void shouldCountAnyRepOfTheSegmentInATeamWithoutAPolicyOrWithANonRegionalOne() {
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);

        assertThat(rule.evaluate(entry, state(entry), roster, TeamPolicies.NONE)).as("no policy: not regional").isEmpty();
        assertThat(rule.evaluate(entry, state(entry), roster, TeamPolicies.of(policy("Emea", 4, false)))).isEmpty();
    }

    @Test
    void shouldCoverAMarketOfARegionalTeamOnlyInItsRepsRegionsUnlessAnotherTeamIsNotRegional() {
        List<RepFacts> reps = List.of(
                rep("R-2", "Emea", "ENTERPRISE", "EMEA", RepState.ACTIVE),
                rep("R-5", "West", "ENTERPRISE", "NA-WEST", RepState.ACTIVE));
        TeamPolicies bothRegional = TeamPolicies.of(policy("Emea", 1, true), policy("West", 2, true));
        TeamPolicies westNotRegional = TeamPolicies.of(policy("Emea", 1, true), policy("West", 3, false));

        assertThat(NewMarketRule.covered(new Market("ENTERPRISE", "EMEA"), reps, bothRegional)).isTrue();
        assertThat(NewMarketRule.covered(new Market("ENTERPRISE", "LATAM"), reps, bothRegional)).isFalse();
        assertThat(NewMarketRule.covered(new Market("ENTERPRISE", "LATAM"), reps, westNotRegional))
                .as("West's rep sells to the segment anywhere").isTrue();
        assertThat(NewMarketRule.covered(new Market("ENTERPRISE", null), reps, bothRegional))
                .as("an account naming no region").isTrue();
        assertThat(NewMarketRule.covered(new Market("SMB", "EMEA"), reps, TeamPolicies.NONE))
                .as("another segment is never covered").isFalse();

        MarketEntry latam = entry("A-1", "ENTERPRISE", "LATAM", T0);
        assertThat(rule.evaluate(latam, state(latam), reps, bothRegional)).hasSize(2);
        assertThat(rule.evaluate(latam, state(latam), reps, westNotRegional)).isEmpty();
    }

    @Test
    void shouldHoldFurtherAccountsOfTheSameMarketDuringTheCooldown() {
        CommandGate gate = TriggerRules.defaults().gate(); // 24 h per market and team
        Facts.Memory memory = new Facts.Memory();
        MarketEntry first = entry("A-1", "ENTERPRISE", "LATAM", T0);
        MarketEntry second = entry("A-2", "ENTERPRISE", "LATAM", T0 + HOUR);
        MarketEntry elsewhere = entry("A-3", "SMB", "APAC", T0 + HOUR);

        assertThat(gate.admit(single(rule.evaluate(first, state(first), roster, emeaRegional)), memory))
                .isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(single(rule.evaluate(second, state(first, second), roster, emeaRegional)), memory))
                .isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(gate.admit(single(rule.evaluate(elsewhere, state(elsewhere), roster, emeaRegional)), memory))
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
        TeamPolicies regional = TeamPolicies.of(policy("West", 1, true), policy("Emea", 1, true));
        MarketEntry entry = entry("A-1", "ENTERPRISE", "LATAM", T0);

        List<TriggerCommand> commands = rule.evaluate(entry, state(entry), twoTeams, regional);

        // East sells to another segment, Apac's only rep of the segment is on leave
        assertThat(commands).extracting(TriggerCommand::commandId)
                .containsExactly("NEW_MARKET:ENTERPRISE/LATAM:Emea:" + T0, "NEW_MARKET:ENTERPRISE/LATAM:West:" + T0);
        assertThat(commands).extracting(TriggerCommand::scope).containsExactly(
                new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()),
                new CommandScope("West", "ENTERPRISE", "LATAM", List.of()));
        assertThat(commands).extracting(c -> evidence(c, "team_segment_reps").value()).containsExactly(2.0, 1.0);
        assertThat(rule.evaluate(entry, state(entry), twoTeams, regional)).as("a replay yields the same ids")
                .extracting(TriggerCommand::commandId).isEqualTo(commands.stream().map(TriggerCommand::commandId).toList());

        CommandGate gate = TriggerRules.defaults().gate();
        Facts.Memory memory = new Facts.Memory();
        assertThat(commands).extracting(c -> gate.admit(c, memory))
                .as("the cooldown is per market and team: one team's command does not hold the other's")
                .containsExactly(CommandGate.Verdict.EMIT, CommandGate.Verdict.EMIT);
    }

    @Test
    void shouldTakeOnlyANewerPolicyVersion() {
        TeamPolicyFacts v2 = policy("Emea", 2, true);
        assertThat(TeamPolicyFacts.isNewer(null, v2)).isTrue();
        assertThat(TeamPolicyFacts.isNewer(v2, policy("Emea", 3, false))).isTrue();
        assertThat(TeamPolicyFacts.isNewer(v2, policy("Emea", 2, false))).as("an equal version").isFalse();
        assertThat(TeamPolicyFacts.isNewer(v2, policy("Emea", 1, false))).isFalse();
    }

    private static TriggerCommand single(List<TriggerCommand> commands) {
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }
}
