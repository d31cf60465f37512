package io.territoryos.trigger.domain;

/** An account that stops counting in a market: lost, or moved to another segment or region. */
public record MarketExit(String accountId, String segment, String region) {

    public Market market() {
        return new Market(segment, region);
    }
}
