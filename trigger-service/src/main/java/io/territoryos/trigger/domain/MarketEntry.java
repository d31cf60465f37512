package io.territoryos.trigger.domain;

/** An account that starts counting in a market: new, revived, or moved there from another segment or region. */
public record MarketEntry(String accountId, String segment, String region, double potential, long eventTime) {

    public Market market() {
        return new Market(segment, region);
    }
}
