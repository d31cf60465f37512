package io.territoryos.territory.mapping;

import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.QuotaValidation;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.SegmentStats;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.territory.domain.TimedContribution;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.Money;
import io.territoryos.territory.domain.QuotaCheck;
import io.territoryos.territory.domain.RenewalOutlook;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TeamBalanceReport;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryHealthReport;

import java.time.Instant;

/** The one place where Avro contracts and CRM rows become domain records, and domain reports become Avro. */
public final class AvroMapping {

    public static final String SERVICE = "territory-service";

    public static AccountContribution contribution(ScoredAccount account) {
        return new AccountContribution(
                account.getAccountId(),
                blankToNull(account.getOwnerRepId()),
                Money.toCents(account.getPotential()),
                Money.toCents(account.getCurrentArr()),
                Money.toCents(account.getWhitespaceArr()),
                account.getTier(),
                account.getCriticalRisk(),
                account.getWeightsVersion());
    }

    /** The contribution and the time of the CRM change behind it. */
    public static TimedContribution timedContribution(ScoredAccount account) {
        return new TimedContribution(contribution(account), account.getSourceEventTime().toEpochMilli());
    }

    public static RepProfile rep(CrmRep rep) {
        return new RepProfile(rep.repId(), rep.name(), rep.status(), rep.motion(), rep.segment(), rep.region(),
                rep.team(), rep.quota(), rep.capacityAccounts());
    }

    public static SegmentConversion segmentConversion(SegmentStats stats) {
        return new SegmentConversion(stats.getSegment(), stats.getVersion(), stats.getWinRate(), stats.getAvgDealSize(),
                stats.getHoursPerDealNewBusiness(), stats.getHoursPerDealRenewalExpansion(), stats.getHoursPerDealDual(),
                stats.getGenerationRate());
    }

    public static TerritoryHealth territoryHealth(TerritoryHealthReport report, long sourceEventTime, long updatedAt) {
        RepProfile rep = report.rep();
        TerritoryAccumulator book = report.book();
        RenewalOutlook renewal = report.renewal();
        return TerritoryHealth.newBuilder()
                .setRepId(report.repId())
                .setRepName(rep == null ? null : rep.name())
                .setTeam(rep == null ? null : rep.team())
                .setSegment(rep == null ? null : rep.segment())
                .setRegion(rep == null ? null : rep.region())
                .setMotion(rep == null ? null : rep.motion())
                .setRepStatus(rep == null ? null : rep.status())
                .setQuota(report.quota())
                .setAccountCount(book.accountCount())
                .setPotentialTotal(book.potentialTotal())
                .setArrTotal(book.arrTotal())
                .setWhitespaceTotal(book.whitespaceTotal())
                .setTier1Count(book.tier1Count())
                .setDevelopCount(book.developCount())
                .setQuickWinCount(book.quickWinCount())
                .setDeprioritizeCount(book.deprioritizeCount())
                .setCoverageRatio(report.coverageRatio())
                .setBand(report.band())
                .setMotionTarget(report.motionTarget())
                .setMeetsTarget(report.meetsTarget())
                .setCriticalAccountCount(renewal.criticalAccountCount())
                .setArrAtRisk(renewal.arrAtRisk())
                .setSaveCost(renewal.saveCost())
                .setProjectedPotential(renewal.projectedPotential())
                .setProjectedCoverage(renewal.projectedCoverage())
                .setRenewalStatus(renewal.status())
                .setQuotaValidation(report.quotaCheck() == null ? null : quotaValidation(report.quotaCheck()))
                .setWeightsVersion(book.weightsVersion())
                .setSourceEventTime(Instant.ofEpochMilli(sourceEventTime))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    public static QuotaValidation quotaValidation(QuotaCheck check) {
        return QuotaValidation.newBuilder()
                .setWinRate(check.winRate())
                .setExpectedYield(check.expectedYield())
                .setConversionPasses(check.conversionPasses())
                .setAvailableHours(check.availableHours())
                .setHoursPerDeal(check.hoursPerDeal())
                .setMaxDeals(check.maxDeals())
                .setAvgDealSize(check.avgDealSize())
                .setRequiredDeals(check.requiredDeals())
                .setCapacityPasses(check.capacityPasses())
                .setGenerationRate(check.generationRate())
                .setPipelineGenerated(check.pipelineGenerated())
                .setPipelineCoverageRequired(check.pipelineCoverageRequired())
                .setPipelineRequired(check.pipelineRequired())
                .setPipelinePasses(check.pipelinePasses())
                .setRecommendedQuota(check.recommendedQuota())
                .setPasses(check.passes())
                .build();
    }

    public static TeamBalance teamBalance(TeamBalanceReport report, long sourceEventTime, long updatedAt) {
        return TeamBalance.newBuilder()
                .setTeam(report.team())
                .setRepCount(report.repCount())
                .setPotentialTotal(report.potentialTotal())
                .setMeanPotential(report.meanPotential())
                .setCvPotential(report.cvPotential())
                .setCvCoverage(report.cvCoverage())
                .setGiniPotential(report.giniPotential())
                .setGiniCoverage(report.giniCoverage())
                .setMaxMinRatio(report.maxMinRatio())
                .setRepsUnderCovered(report.repsUnderCovered())
                .setSourceEventTime(Instant.ofEpochMilli(sourceEventTime))
                .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
                .build();
    }

    public static DeadLetter deadLetter(String topic, int partition, long offset, byte[] key, byte[] value,
                                        String reason, String errorType, long failedAt) {
        return DeadLetters.of(SERVICE, topic, partition, offset, key, value, errorType, reason, Instant.ofEpochMilli(failedAt));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private AvroMapping() {
    }
}
