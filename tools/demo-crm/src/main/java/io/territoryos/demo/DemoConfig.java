package io.territoryos.demo;

import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.DecimalMode;
import io.territoryos.demo.cdc.Envelope;
import io.territoryos.demo.domain.CrmGenerator;

import java.util.Objects;

/**
 * What to generate (seed, number of accounts) and how to write it ({@link CdcFormat}: envelope, decimals,
 * topics, base time). Defaults: plain JSON, decimals as numbers, the catalogue's topics.
 */
public record DemoConfig(long seed, int accounts, CdcFormat format) {

    public DemoConfig {
        if (accounts < CrmGenerator.MIN_ACCOUNTS) {
            throw new IllegalArgumentException("accounts must be at least " + CrmGenerator.MIN_ACCOUNTS + ", got " + accounts);
        }
        Objects.requireNonNull(format, "format");
    }

    public static DemoConfig of(long seed, int accounts) {
        return new DemoConfig(seed, accounts, CdcFormat.defaults());
    }

    public DemoConfig withFormat(CdcFormat newFormat) {
        return new DemoConfig(seed, accounts, newFormat);
    }

    public DemoConfig with(Envelope envelope, DecimalMode decimals) {
        return withFormat(format.with(envelope, decimals));
    }

    public DemoConfig withTopics(String accountsTopic, String repsTopic) {
        return withFormat(format.withTopics(accountsTopic, repsTopic));
    }
}
