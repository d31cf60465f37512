package io.territoryos.trigger.domain;

/** A segment and region, the unit a rep covers. A null region means the account names none. */
public record Market(String segment, String region) {

    public String key() {
        return segment + "/" + (region == null ? "*" : region);
    }

    /**
     * True when this rep sells here: carries a book, same segment, and, when the rep's team is regional, same region
     * (an account naming no region is covered by any rep of the segment).
     */
    public boolean coveredBy(RepFacts rep, boolean regional) {
        if (!rep.carriesBook() || segment == null || !segment.equals(rep.segment())) {
            return false;
        }
        return !regional || region == null || region.equals(rep.region());
    }

    /** {@link #coveredBy(RepFacts, boolean)} with the rep's team's policy. */
    public boolean coveredBy(RepFacts rep, TeamPolicies policies) {
        return coveredBy(rep, policies.regional(rep.team()));
    }
}
