package io.territoryos.trigger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A territory's renewal status becomes STRUCTURALLY_UNDERPERFORMING: once its critical-risk accounts are taken
 * out, the projected coverage is below 3.0 (territory-service decides the status; this rule reports the crossing).
 */
public final class StructuralUnderperformanceAlertRule implements TerritoryAlertRule {

    public record Settings(boolean enabled) {
        public static Settings defaults() {
            return new Settings(true);
        }
    }

    private static final double PROJECTED_COVERAGE_FLOOR = 3.0;

    private final Settings settings;

    public StructuralUnderperformanceAlertRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public AlertKind kind() {
        return AlertKind.STRUCTURALLY_UNDERPERFORMING;
    }

    @Override
    public Episode observe(Episode previous, TerritoryFacts territory) {
        boolean underperforming = settings.enabled() && territory.carriesBook() && territory.structurallyUnderperforming();
        if (!underperforming) {
            return Episode.NONE;
        }
        return previous != null && previous.active() ? previous : Episode.startedAt(territory.eventTime());
    }

    @Override
    public Alert alert(Episode episode, TerritoryFacts territory) {
        List<EvidenceItem> evidence = new ArrayList<>();
        if (territory.projectedCoverage() != null) {
            evidence.add(EvidenceItem.against("projected_coverage", territory.projectedCoverage(), PROJECTED_COVERAGE_FLOOR,
                    territory.repId()));
        }
        evidence.add(EvidenceItem.of("critical_account_count", territory.criticalAccountCount(), territory.repId()));
        evidence.add(EvidenceItem.of("arr_at_risk", territory.arrAtRisk(), territory.repId()));
        String projected = territory.projectedCoverage() == null ? "unknown" : Numbers.ratio(territory.projectedCoverage());
        String message = "Territory of rep " + territory.repId() + " is structurally underperforming: without its "
                + territory.criticalAccountCount() + " critical-risk accounts (" + Numbers.money(territory.arrAtRisk())
                + " ARR at risk) the projected coverage is " + projected + ", below " + Numbers.ratio(PROJECTED_COVERAGE_FLOOR) + ".";
        return new Alert(kind() + ":" + territory.repId() + ":" + episode.since(), kind(), territory.repId(),
                territory.team(), null, message, evidence, territory.eventTime());
    }
}
