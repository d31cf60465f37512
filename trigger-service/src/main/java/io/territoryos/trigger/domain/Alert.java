package io.territoryos.trigger.domain;

import java.util.List;

/**
 * A warning for people, raised once per crossing.
 *
 * @param alertId  deterministic: kind, subject and the event (or activity date) it fired for
 * @param raisedAt event time (epoch millis) it fired at
 */
public record Alert(
        String alertId, AlertKind kind, String repId, String team, String accountId, String message,
        List<EvidenceItem> evidence, long raisedAt) {

    public Alert {
        evidence = List.copyOf(evidence);
    }

    /**
     * territory.alerts is keyed by the account when there is one, by the rep otherwise; an alert about a whole team
     * (a suppressed DRIFT) by the team.
     */
    public String partitionKey() {
        if (accountId != null) {
            return accountId;
        }
        if (repId != null) {
            return repId;
        }
        return team != null ? team : TriggerCommand.ORG_KEY;
    }
}
