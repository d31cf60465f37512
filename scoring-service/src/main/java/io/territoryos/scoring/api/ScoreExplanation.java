package io.territoryos.scoring.api;

import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.Score;
import io.territoryos.scoring.domain.Tier;
import io.territoryos.scoring.domain.Weights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An account's score as the REST API shows it: the inputs, the components, the result, the versions used,
 * and the arithmetic written out, so that a rep or RevOps can check every number by hand.
 */
public record ScoreExplanation(String accountId, AccountInputs inputs, Components components, double potential,
                               double score, Tier tier, boolean criticalRisk, String formulaVersion,
                               int weightsVersion, String eventId, Instant sourceEventTime, Instant scoredAt,
                               List<String> explanation) {

    public record Components(double retainedArr, double realizableWhitespace, double fitMultiplier) {
    }

    static ScoreExplanation of(AccountScore scored, Weights inForce) {
        AccountInputs in = scored.inputs();
        Score s = scored.score();
        List<String> lines = new ArrayList<>();
        lines.add(format("retained_arr = current_arr %.2f x (1 - renewal_risk %.4f) = %.2f",
                in.currentArr(), in.renewalRisk(), s.retainedArr()));
        lines.add(format("realizable_whitespace = whitespace_arr %.2f x buying_capacity %.4f = %.2f",
                in.whitespaceArr(), in.buyingCapacity(), s.realizableWhitespace()));
        lines.add(format("fit_multiplier from icp_fit %.2f = %.4f", in.icpFit(), s.fitMultiplier()));
        lines.add(switch (in.status()) {
            case CHURNED -> "potential = 0 (CHURNED)";
            default -> format("potential = (%.2f + %.2f) x %.4f = %.2f",
                    s.retainedArr(), s.realizableWhitespace(), s.fitMultiplier(), s.potential());
        });
        if (inForce.version() == scored.weightsVersion()) {
            lines.add(format("tier %s: potential %.2f vs %s threshold %.2f, propensity %.4f vs %.4f",
                    s.tier(), s.potential(), in.segment(), inForce.tierThreshold(in.segment()),
                    in.propensity(), inForce.propensityThreshold()));
            lines.add(format("critical_risk %s: renewal_risk %.4f vs %.4f",
                    s.criticalRisk(), in.renewalRisk(), inForce.criticalRiskThreshold()));
        } else {
            lines.add("weights version " + scored.weightsVersion() + " used; version " + inForce.version()
                    + " is in force and re-scoring is under way");
        }
        return new ScoreExplanation(scored.accountId(), in,
                new Components(s.retainedArr(), s.realizableWhitespace(), s.fitMultiplier()),
                s.potential(), s.score(), s.tier(), s.criticalRisk(), scored.formulaVersion(), scored.weightsVersion(),
                scored.eventId(), Instant.ofEpochMilli(scored.sourceEventTime()), Instant.ofEpochMilli(scored.scoredAt()),
                lines);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
