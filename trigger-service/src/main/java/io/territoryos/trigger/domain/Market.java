package io.territoryos.trigger.domain;

/** A segment and region, the unit a rep covers. A null region means the account names none. */
public record Market(String segment, String region) {

    public String key() {
        return segment + "/" + (region == null ? "*" : region);
    }

    /** True when this rep sells here: carries a book, same segment, and same region unless regions are ignored. */
    public boolean coveredBy(RepFacts rep, boolean matchRegion) {
        if (!rep.carriesBook() || segment == null || !segment.equals(rep.segment())) {
            return false;
        }
        return !matchRegion || region == null || region.equals(rep.region());
    }
}
