package io.territoryos.territory.domain;

import io.territoryos.territory.domain.PendingPublication.Fate;
import io.territoryos.territory.domain.PendingPublication.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingPublicationTest {

    @Test
    void shouldKeepTheNewestEventTimeOfTheChangesInAWindow() {
        PendingPublication pending = PendingPublication.of(5_000L, 10L, Fate.CHANGED).withChange(3_000L, 12L).withChange(7_000L, 11L);

        assertThat(pending.eventTime()).isEqualTo(7_000L);
        assertThat(pending.recordTime()).isEqualTo(12L);
    }

    @Test
    void shouldKeepARepDeletedUntilARepRowSaysOtherwise() {
        PendingPublication deleted = PendingPublication.of(1L, 1L, Fate.CHANGED).withFate(2L, 2L, Fate.DELETED, "EAST");

        assertThat(deleted.withChange(3L, 3L).fate()).isEqualTo(Fate.DELETED);
        assertThat(deleted.withChange(3L, 3L).formerHome()).isEqualTo("EAST");
        assertThat(deleted.withFate(4L, 4L, Fate.CHANGED, null).fate()).isEqualTo(Fate.CHANGED);
    }

    @Test
    void shouldPublishAMemberWithItsFiguresEvenWithoutAccounts() {
        assertThat(PendingPublication.of(1L, 1L, Fate.CHANGED).outcome(true, true, false)).isEqualTo(Outcome.HEALTH);
    }

    @Test
    void shouldLeaveARepThatChangedTeamToItsNewTeamNeverTombstoningIt() {
        PendingPublication left = PendingPublication.of(1L, 1L, Fate.LEFT);

        assertThat(left.outcome(false, true, true)).isEqualTo(Outcome.NOTHING);
        assertThat(left.outcome(false, false, false)).isEqualTo(Outcome.NOTHING);
    }

    @Test
    void shouldTombstoneADeletedRepOnlyOnceNoAccountCountsInItHere() {
        PendingPublication deleted = PendingPublication.of(1L, 1L, Fate.DELETED);

        assertThat(deleted.outcome(false, true, false)).isEqualTo(Outcome.TOMBSTONE);
        assertThat(deleted.outcome(false, false, false)).as("handed over to the no-team task").isEqualTo(Outcome.NOTHING);
        assertThat(deleted.outcome(false, false, true)).as("its accounts still count").isEqualTo(Outcome.HEALTH);
    }

    @Test
    void shouldPublishThePoolAndOrphansOnlyFromTheirHomeTask() {
        PendingPublication changed = PendingPublication.of(1L, 1L, Fate.CHANGED);

        assertThat(changed.outcome(false, false, true)).isEqualTo(Outcome.HEALTH);
        assertThat(changed.outcome(false, true, true)).isEqualTo(Outcome.TOMBSTONE);
        assertThat(changed.outcome(false, false, false)).isEqualTo(Outcome.NOTHING);
    }
}
