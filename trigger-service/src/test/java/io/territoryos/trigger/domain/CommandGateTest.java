package io.territoryos.trigger.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.territoryos.trigger.domain.Facts.HOUR;
import static io.territoryos.trigger.domain.Facts.T0;
import static io.territoryos.trigger.domain.Facts.evidence;
import static org.assertj.core.api.Assertions.assertThat;

class CommandGateTest {

    private final CommandGate gate = new CommandGate(Map.of(CommandType.WHALE_CHURN, Duration.ofHours(1)));
    private final Facts.Memory memory = new Facts.Memory();

    private static TriggerCommand whale(String account, String rep, long at) {
        return new TriggerCommand("WHALE_CHURN:" + account + ":" + at, CommandType.WHALE_CHURN,
                CommandScope.team("East", List.of(rep)), List.of(EvidenceItem.of("lost_potential", 200_000, account)),
                "Account " + account + " churned; rebalance team East.", account, at);
    }

    @Test
    void shouldSayWhatHeldACommandAndWhenItsCooldownEnds() {
        assertThat(gate.decide(whale("A-1", "R-1", T0), memory).verdict()).isEqualTo(CommandGate.Verdict.EMIT);
        TriggerCommand again = whale("A-1", "R-1", T0 + HOUR / 4);

        CommandGate.Admission held = gate.decide(again, memory);

        assertThat(held.verdict()).isEqualTo(CommandGate.Verdict.COOLING_DOWN);
        assertThat(held.suppression()).isEqualTo(new Suppression(again, T0, T0 + HOUR));
        assertThat(held.suppression().reason()).isEqualTo("COOLING_DOWN");
        assertThat(memory.suppressed).containsOnlyKeys(again.commandId());
        assertThat(memory.emitted).doesNotContainKey(again.commandId());
        assertThat(memory.lastFired).as("a held command does not extend the cooldown")
                .containsEntry(again.cooldownKey(), T0);
    }

    @Test
    void shouldAnnounceOnlyTheFirstCommandHeldInEachCooldownWindow() {
        gate.decide(whale("A-1", "R-1", T0), memory);

        assertThat(gate.decide(whale("A-1", "R-1", T0 + HOUR / 4), memory).announce()).isTrue();
        assertThat(gate.decide(whale("A-1", "R-1", T0 + HOUR / 2), memory).announce())
                .as("held again in the same window: listed, not alerted again").isFalse();
        assertThat(memory.suppressed).hasSize(2);
        // the cooldown ends, the type fires again, and the next held command is news again
        assertThat(gate.decide(whale("A-1", "R-1", T0 + 2 * HOUR), memory).verdict()).isEqualTo(CommandGate.Verdict.EMIT);
        assertThat(gate.decide(whale("A-1", "R-1", T0 + 2 * HOUR + HOUR / 4), memory).announce()).isTrue();
    }

    @Test
    void shouldTreatAReplayOfAHeldCommandAsADuplicateSoItStaysSilent() {
        gate.decide(whale("A-1", "R-1", T0), memory);
        TriggerCommand again = whale("A-1", "R-1", T0 + HOUR / 4);
        gate.decide(again, memory);

        CommandGate.Admission replay = gate.decide(again, memory);

        assertThat(replay.verdict()).isEqualTo(CommandGate.Verdict.DUPLICATE);
        assertThat(replay.suppression()).isNull();
    }

    @Test
    void shouldGiveNoSuppressionForAnEmittedCommandOrAReplay() {
        TriggerCommand first = whale("A-1", "R-1", T0);
        assertThat(gate.decide(first, memory).suppression()).isNull();
        assertThat(gate.decide(first, memory)).isEqualTo(new CommandGate.Admission(CommandGate.Verdict.DUPLICATE, null, false));
        assertThat(memory.suppressed).isEmpty();
    }

    @Test
    void shouldRaiseAnAlertNamingTheCommandItsSubjectAndWhenTheCooldownEnds() {
        TriggerCommand again = whale("A-1", "R-1", T0 + HOUR / 4);
        Alert alert = new Suppression(again, T0, T0 + HOUR).alert();

        assertThat(alert.alertId()).isEqualTo("TRIGGER_SUPPRESSED:WHALE_CHURN:A-1:" + (T0 + HOUR / 4));
        assertThat(alert.kind()).isEqualTo(AlertKind.TRIGGER_SUPPRESSED);
        assertThat(alert.team()).isEqualTo("East");
        assertThat(alert.repId()).isEqualTo("R-1");
        assertThat(alert.raisedAt()).isEqualTo(T0 + HOUR / 4);
        assertThat(alert.partitionKey()).isEqualTo("R-1");
        assertThat(alert.message()).startsWith("Suppressed WHALE_CHURN command WHALE_CHURN:A-1:" + (T0 + HOUR / 4))
                .contains("for A-1 (team East)", "COOLING_DOWN", "ends at " + Instant.ofEpochMilli(T0 + HOUR),
                        "last fired for A-1 at " + Instant.ofEpochMilli(T0), "Account A-1 churned");
        assertThat(evidence(alert, "since_last_fired_ms").value()).isEqualTo(HOUR / 4.0);
        assertThat(evidence(alert, "since_last_fired_ms").threshold()).isEqualTo((double) HOUR);
        assertThat(evidence(alert, "cooldown_ends_at").value()).isEqualTo((double) (T0 + HOUR));
        assertThat(evidence(alert, "last_fired_at").value()).isEqualTo((double) T0);
        assertThat(evidence(alert, "lost_potential").value()).as("the held command's own evidence").isEqualTo(200_000);
    }

    @Test
    void shouldKeyTheAlertOfAHeldTeamCommandByTheTeam() {
        TriggerCommand drift = new TriggerCommand("DRIFT:East:" + (T0 + HOUR), CommandType.DRIFT, CommandScope.team("East"),
                List.of(), "Team East drifted.", "East", T0 + HOUR);
        Alert alert = new Suppression(drift, T0, T0 + 24 * HOUR).alert();

        assertThat(alert.repId()).isNull();
        assertThat(alert.accountId()).isNull();
        assertThat(alert.partitionKey()).isEqualTo("East");
    }
}
