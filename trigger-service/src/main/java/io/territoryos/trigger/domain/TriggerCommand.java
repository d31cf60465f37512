package io.territoryos.trigger.domain;

import java.util.List;

/**
 * A rebalance request decided by a rule, before it is published.
 *
 * @param commandId       deterministic: type, subject and the event that caused it, so a replay yields the same id
 * @param cooldownSubject what the cooldown is counted per, with the type, so that one cause never holds back another:
 *                        REP_EXIT the exited rep, WHALE_CHURN the lost account, NEW_MARKET the market and team, DRIFT
 *                        the team (a team is what drifts), ICP_WEIGHTS_CHANGED the weights version and team
 * @param sourceEventTime event time (epoch millis) of the change that fired it
 */
public record TriggerCommand(
        String commandId, CommandType type, CommandScope scope, List<EvidenceItem> evidence, String summary,
        String cooldownSubject, long sourceEventTime) {

    /** Key of commands that name no team (rebalance.commands is keyed by team). */
    public static final String ORG_KEY = "__ORG__";

    public TriggerCommand {
        evidence = List.copyOf(evidence);
    }

    public String partitionKey() {
        return scope.team() != null ? scope.team() : ORG_KEY;
    }

    public String cooldownKey() {
        return type + "|" + cooldownSubject;
    }
}
