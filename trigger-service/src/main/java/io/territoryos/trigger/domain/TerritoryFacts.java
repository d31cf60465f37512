package io.territoryos.trigger.domain;

/**
 * The latest health of one rep's territory, as territory-service published it.
 *
 * @param repState  null while territory-service has not seen the rep row
 * @param eventTime event time of the change that produced this health (epoch millis)
 */
public record TerritoryFacts(
        String repId, String team, String segment, String region, RepState repState, double quota,
        int accountCount, double potentialTotal, Double coverageRatio, Double projectedCoverage,
        boolean structurallyUnderperforming, int criticalAccountCount, double arrAtRisk, long eventTime) {

    public boolean carriesBook() {
        return repState != null && repState.carriesBook();
    }
}
