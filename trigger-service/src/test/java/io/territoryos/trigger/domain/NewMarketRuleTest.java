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
        TriggerCommand command = rule.evaluate(entry, state(entry), roster).orElseThrow();

        assertThat(command.type()).isEqualTo(CommandType.NEW_MARKET);
        assertThat(command.commandId()).isEqualTo("NEW_MARKET:ENTERPRISE/LATAM:" + T0);
        assertThat(command.scope()).isEqualTo(new CommandScope("Emea", "ENTERPRISE", "LATAM", List.of()));
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
        assertThat(two.evaluate(second, state(first, second), roster).orElseThrow().scope().team()).isNull();
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

        assertThat(gate.admit(rule.evaluate(first, state(first), roster).orElseThrow(), memory)).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.admit(rule.evaluate(second, state(first, second), roster).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(gate.admit(rule.evaluate(elsewhere, state(elsewhere), roster).orElseThrow(), memory))
                .isEqualTo(CommandGate.Verdict.EMIT);
    }
}
