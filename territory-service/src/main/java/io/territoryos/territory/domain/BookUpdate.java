package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Segment;

import java.util.List;
import java.util.Set;

/**
 * The effect of one event on the organisation's territories: what changed (for the state stores) and the health
 * and balance reports to publish, all from the same update.
 *
 * @param changedTerritories territories whose sums changed
 * @param changedReps        reps whose row changed or was removed
 * @param changedSegment     segment whose statistics changed; null when none did
 * @param health             health of every territory the event touched
 * @param balances           balance of every team the event touched, then the organisation's
 */
public record BookUpdate(
        Set<String> changedTerritories, Set<String> changedReps, Segment changedSegment,
        List<TerritoryHealthReport> health, List<TeamBalanceReport> balances) {

    public static BookUpdate none() {
        return new BookUpdate(Set.of(), Set.of(), null, List.of(), List.of());
    }

    public boolean isEmpty() {
        return changedTerritories.isEmpty() && changedReps.isEmpty() && changedSegment == null
                && health.isEmpty() && balances.isEmpty();
    }
}
