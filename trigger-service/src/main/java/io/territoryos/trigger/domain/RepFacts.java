package io.territoryos.trigger.domain;

/**
 * What the triggers know about a rep from the CRM.
 *
 * @param changedAt event time (CDC ts_ms) of the change this state comes from
 */
public record RepFacts(
        String repId, String name, RepState state, String segment, String region, String team, double quota,
        long changedAt) {

    public boolean carriesBook() {
        return state != null && state.carriesBook();
    }

    public RepFacts exitedAt(long eventTime) {
        return new RepFacts(repId, name, RepState.EXITED, segment, region, team, quota, eventTime);
    }

    public String displayName() {
        return name == null ? repId : repId + " (" + name + ")";
    }
}
