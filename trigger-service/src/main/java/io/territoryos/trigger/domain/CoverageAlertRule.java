package io.territoryos.trigger.domain;

import java.util.List;

/**
 * Coverage ratio of an active rep below 3.0. Worded as a design warning: the territory holds too little potential
 * for its quota, which says nothing about how the rep sells.
 */
public final class CoverageAlertRule implements TerritoryAlertRule {

    public record Settings(boolean enabled, double threshold) {
        public static Settings defaults() {
            return new Settings(true, 3.0);
        }
    }

    private final Settings settings;

    public CoverageAlertRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.COVERAGE_BELOW_THRESHOLD;
    }

    @Override
    public Episode observe(Episode previous, TerritoryFacts territory) {
        boolean below = settings.enabled() && territory.carriesBook() && territory.coverageRatio() != null
                && territory.coverageRatio() < settings.threshold();
        if (!below) {
            return Episode.NONE;
        }
        return previous != null && previous.active() ? previous : Episode.startedAt(territory.eventTime());
    }

    @Override
    public Alert alert(Episode episode, TerritoryFacts territory) {
        double coverage = territory.coverageRatio() == null ? 0.0 : territory.coverageRatio();
        String message = "Coverage ratio " + Numbers.ratio(coverage) + " of rep " + territory.repId() + " is below "
                + Numbers.ratio(settings.threshold()) + ": a territory design warning (the book holds "
                + Numbers.money(territory.potentialTotal()) + " potential for a quota of " + Numbers.money(territory.quota())
                + "), not a rep-performance issue.";
        return new Alert(kind() + ":" + territory.repId() + ":" + episode.since(), kind(), territory.repId(),
                territory.team(), null, message,
                List.of(EvidenceItem.against("coverage_ratio", coverage, settings.threshold(), territory.repId()),
                        EvidenceItem.of("potential_total", territory.potentialTotal(), territory.repId()),
                        EvidenceItem.of("quota", territory.quota(), territory.repId())),
                territory.eventTime());
    }
}
