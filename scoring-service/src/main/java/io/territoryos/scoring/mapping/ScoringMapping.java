package io.territoryos.scoring.mapping;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.AccountScore;
import io.territoryos.scoring.domain.AccountStatus;
import io.territoryos.scoring.domain.Score;
import io.territoryos.scoring.domain.Segment;
import io.territoryos.scoring.domain.Weights;

import java.time.Instant;

/** The one place where CRM rows and Avro contracts become scoring domain records and back. */
public final class ScoringMapping {

    public static AccountInputs inputs(CrmAccount account) {
        return new AccountInputs(account.accountId(), account.name(), account.ownerRepId(),
                Segment.valueOf(account.segment().name()), account.region(), account.industry(),
                AccountStatus.valueOf(account.status().name()), account.locked(),
                account.currentArr(), account.whitespaceArr(), account.buyingCapacity(), account.renewalRisk(),
                account.icpFit(), account.propensity(), account.lastActivityAt(), account.renewalDate());
    }

    public static ScoredAccount scoredAccount(AccountScore scored) {
        AccountInputs in = scored.inputs();
        Score score = scored.score();
        return ScoredAccount.newBuilder()
                .setEventId(scored.eventId())
                .setAccountId(in.accountId())
                .setName(in.name())
                .setOwnerRepId(in.ownerRepId())
                .setSegment(io.territoryos.contracts.avro.Segment.valueOf(in.segment().name()))
                .setRegion(in.region())
                .setIndustry(in.industry())
                .setStatus(io.territoryos.contracts.avro.AccountStatus.valueOf(in.status().name()))
                .setLocked(in.locked())
                .setCurrentArr(in.currentArr())
                .setWhitespaceArr(in.whitespaceArr())
                .setBuyingCapacity(in.buyingCapacity())
                .setRenewalRisk(in.renewalRisk())
                .setIcpFit(in.icpFit())
                .setPropensity(in.propensity())
                .setRetainedArr(score.retainedArr())
                .setRealizableWhitespace(score.realizableWhitespace())
                .setFitMultiplier(score.fitMultiplier())
                .setPotential(score.potential())
                .setScore(score.score())
                .setTier(io.territoryos.contracts.avro.Tier.valueOf(score.tier().name()))
                .setCriticalRisk(score.criticalRisk())
                .setFormulaVersion(scored.formulaVersion())
                .setWeightsVersion(scored.weightsVersion())
                .setLastActivityAt(in.lastActivityAt() == null ? null : Instant.ofEpochMilli(in.lastActivityAt()))
                .setRenewalDate(in.renewalDate())
                .setSourceEventTime(Instant.ofEpochMilli(scored.sourceEventTime()))
                .setScoredAt(Instant.ofEpochMilli(scored.scoredAt()))
                .build();
    }

    public static Weights weights(ScoringWeights avro) {
        return new Weights(avro.getVersion(), avro.getFormulaVersion(),
                avro.getFitWeight(), avro.getExpansionWeight(), avro.getRetentionWeight(), avro.getCapacityWeight(),
                avro.getPropensityWeight(),
                avro.getTierThresholdSmb(), avro.getTierThresholdMidMarket(), avro.getTierThresholdEnterprise(),
                avro.getPropensityThreshold(), avro.getCriticalRiskThreshold(), avro.getExpansionHalfSaturation(),
                avro.getFitMultiplierMin(), avro.getFitMultiplierMax(), avro.getPublishedBy(),
                avro.getPublishedAt() == null ? 0L : avro.getPublishedAt().toEpochMilli());
    }

    public static ScoringWeights scoringWeights(Weights w) {
        return ScoringWeights.newBuilder()
                .setVersion(w.version())
                .setFormulaVersion(w.formulaVersion())
                .setFitWeight(w.fitWeight())
                .setExpansionWeight(w.expansionWeight())
                .setRetentionWeight(w.retentionWeight())
                .setCapacityWeight(w.capacityWeight())
                .setPropensityWeight(w.propensityWeight())
                .setTierThresholdSmb(w.tierThresholdSmb())
                .setTierThresholdMidMarket(w.tierThresholdMidMarket())
                .setTierThresholdEnterprise(w.tierThresholdEnterprise())
                .setPropensityThreshold(w.propensityThreshold())
                .setCriticalRiskThreshold(w.criticalRiskThreshold())
                .setExpansionHalfSaturation(w.expansionHalfSaturation())
                .setFitMultiplierMin(w.fitMultiplierMin())
                .setFitMultiplierMax(w.fitMultiplierMax())
                .setPublishedBy(w.publishedBy())
                .setPublishedAt(Instant.ofEpochMilli(w.publishedAt()))
                .build();
    }

    private ScoringMapping() {
    }
}
