package io.territoryos.trigger.domain;

/** An alert about one rep's territory, raised once per crossing into a condition. */
public interface TerritoryAlertRule {

    AlertKind kind();

    /** The spell after this health update: continues, starts or ends it. */
    Episode observe(Episode previous, TerritoryFacts territory);

    /** The alert for a spell, with the numbers of the latest health. */
    Alert alert(Episode episode, TerritoryFacts territory);
}
