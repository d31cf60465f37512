package io.territoryos.trigger.mapping;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.AlertType;
import io.territoryos.contracts.DeadLetters;
import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.RenewalStatus;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TeamPolicy;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.avro.TriggerType;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.trigger.domain.AccountFacts;
import io.territoryos.trigger.domain.Alert;
import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.BalanceFacts;
import io.territoryos.trigger.domain.EvidenceItem;
import io.territoryos.trigger.domain.RepFacts;
import io.territoryos.trigger.domain.RepState;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import io.territoryos.trigger.domain.TerritoryFacts;
import io.territoryos.trigger.domain.TriggerCommand;
import io.territoryos.trigger.domain.WeightsVersion;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place where Avro contracts and CRM rows become trigger facts, and trigger decisions become Avro. */
public final class AvroMapping {

    public static final String SERVICE = "trigger-service";

    public static RepFacts rep(CrmRep rep, long changedAt) {
        return new RepFacts(rep.repId(), rep.name(), RepState.valueOf(rep.status().name()),
                rep.segment() == null ? null : rep.segment().name(), rep.region(), rep.team(), rep.quota(), changedAt);
    }

    public static AccountFacts account(ScoredAccount scored) {
        return new AccountFacts(scored.getAccountId(), scored.getOwnerRepId(), scored.getSegment().name(),
                scored.getRegion(), scored.getStatus() == AccountStatus.CHURNED, scored.getPotential(), scored.getLocked(),
                millis(scored.getLastActivityAt()), millis(scored.getSourceEventTime()), null, null);
    }

    public static TerritoryFacts territory(TerritoryHealth health) {
        return new TerritoryFacts(health.getRepId(), health.getTeam(),
                health.getSegment() == null ? null : health.getSegment().name(), health.getRegion(),
                health.getRepStatus() == null ? null : RepState.valueOf(health.getRepStatus().name()),
                health.getQuota(), health.getAccountCount(), health.getPotentialTotal(), health.getCoverageRatio(),
                health.getProjectedCoverage(), health.getRenewalStatus() == RenewalStatus.STRUCTURALLY_UNDERPERFORMING,
                health.getCriticalAccountCount(), health.getArrAtRisk(), millis(health.getSourceEventTime()));
    }

    public static BalanceFacts balance(TeamBalance balance) {
        return new BalanceFacts(balance.getTeam(), balance.getRepCount(), balance.getCvCoverage(), balance.getCvPotential(),
                balance.getGiniCoverage(), balance.getRepsUnderCovered(), balance.getPotentialTotal(),
                millis(balance.getSourceEventTime()));
    }

    /**
     * The weights that decide what an account is worth: the composite-score weights and the fit multiplier's
     * bounds (which scale potential directly). Tier thresholds are currency amounts, not weights.
     */
    public static WeightsVersion weights(ScoringWeights weights) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("fit_weight", weights.getFitWeight());
        values.put("expansion_weight", weights.getExpansionWeight());
        values.put("retention_weight", weights.getRetentionWeight());
        values.put("capacity_weight", weights.getCapacityWeight());
        values.put("propensity_weight", weights.getPropensityWeight());
        values.put("fit_multiplier_min", weights.getFitMultiplierMin());
        values.put("fit_multiplier_max", weights.getFitMultiplierMax());
        return new WeightsVersion(weights.getFormulaVersion(), weights.getVersion(), values,
                millis(weights.getPublishedAt()));
    }

    /** What NEW_MARKET's coverage needs of a team's policy: whether the team assigns by region. */
    public static TeamPolicyFacts policy(TeamPolicy policy) {
        return new TeamPolicyFacts(policy.getTeam(), policy.getVersion(), policy.getRegional(),
                policy.getPublishedAt().toEpochMilli());
    }

    public static RebalanceCommand command(TriggerCommand command, long issuedAt) {
        Scope scope = Scope.newBuilder()
                .setTeam(command.scope().team())
                .setSegment(command.scope().segment() == null ? null : Segment.valueOf(command.scope().segment()))
                .setRegion(command.scope().region())
                .setRepIds(List.copyOf(command.scope().repIds()))
                .build();
        return RebalanceCommand.newBuilder()
                .setCommandId(command.commandId())
                .setType(TriggerType.valueOf(command.type().name()))
                .setScope(scope)
                .setEvidence(evidence(command.evidence()))
                .setSummary(command.summary())
                .setRequestedBy(SERVICE)
                .setMaxMoveFraction(null)
                .setSourceEventTime(Instant.ofEpochMilli(command.sourceEventTime()))
                .setIssuedAt(Instant.ofEpochMilli(issuedAt))
                .build();
    }

    public static TerritoryAlert alert(Alert alert) {
        return TerritoryAlert.newBuilder()
                .setAlertId(alert.alertId())
                .setType(alertType(alert.kind()))
                .setRepId(alert.repId())
                .setTeam(alert.team())
                .setAccountId(alert.accountId())
                .setMessage(alert.message())
                .setEvidence(evidence(alert.evidence()))
                .setRaisedAt(Instant.ofEpochMilli(alert.raisedAt()))
                .build();
    }

    /** The contract's kind of alert: the same name. */
    public static AlertType alertType(AlertKind kind) {
        for (AlertType type : AlertType.values()) {
            if (type.name().equals(kind.name())) {
                return type;
            }
        }
        throw new IllegalArgumentException("no AlertType for " + kind);
    }

    public static DeadLetter deadLetter(String topic, int partition, long offset, byte[] key, byte[] value,
                                        String reason, String errorType, long failedAt) {
        return DeadLetters.of(SERVICE, topic, partition, offset, key, value, errorType, reason, Instant.ofEpochMilli(failedAt));
    }

    private static List<Evidence> evidence(List<EvidenceItem> items) {
        return items.stream()
                .map(e -> Evidence.newBuilder().setName(e.name()).setValue(e.value()).setThreshold(e.threshold())
                        .setSubject(e.subject()).build())
                .toList();
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private AvroMapping() {
    }
}
