package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.Episode;
import io.territoryos.trigger.domain.TerritoryFacts;

import java.util.EnumMap;
import java.util.Map;

/**
 * Alert state of one rep's territory: the latest health, the spell of each alert kind, and when (wall clock) the
 * territory last changed, for the settle period.
 */
record RepAlertState(TerritoryFacts latest, Map<AlertKind, Episode> episodes, long lastChangeWallMs) {

    RepAlertState {
        episodes = episodes == null || episodes.isEmpty() ? new EnumMap<>(AlertKind.class) : new EnumMap<>(episodes);
    }

    Episode episode(AlertKind kind) {
        return episodes.getOrDefault(kind, Episode.NONE);
    }

    boolean anyPending() {
        return episodes.values().stream().anyMatch(Episode::pending);
    }
}
