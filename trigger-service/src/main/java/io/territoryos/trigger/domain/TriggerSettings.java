package io.territoryos.trigger.domain;

/** Every rule's settings in one place; {@link #defaults()} are PRODUCT.md section 6's numbers. */
public record TriggerSettings(
        RepExitRule.Settings repExit,
        WhaleChurnRule.Settings whaleChurn,
        NewMarketRule.Settings newMarket,
        DriftRule.Settings drift,
        IcpWeightsChangedRule.Settings icpWeightsChanged,
        CoverageAlertRule.Settings coverageAlert,
        StructuralUnderperformanceAlertRule.Settings structuralAlert,
        InactiveAccountAlertRule.Settings inactiveAccountAlert,
        LockExpiryAlertRule.Settings lockExpiryAlert) {

    public static TriggerSettings defaults() {
        return new TriggerSettings(RepExitRule.Settings.defaults(), WhaleChurnRule.Settings.defaults(),
                NewMarketRule.Settings.defaults(), DriftRule.Settings.defaults(), IcpWeightsChangedRule.Settings.defaults(),
                CoverageAlertRule.Settings.defaults(), StructuralUnderperformanceAlertRule.Settings.defaults(),
                InactiveAccountAlertRule.Settings.defaults(), LockExpiryAlertRule.Settings.defaults());
    }

    public TriggerSettings withRepExit(RepExitRule.Settings s) {
        return new TriggerSettings(s, whaleChurn, newMarket, drift, icpWeightsChanged, coverageAlert, structuralAlert,
                inactiveAccountAlert, lockExpiryAlert);
    }

    public TriggerSettings withWhaleChurn(WhaleChurnRule.Settings s) {
        return new TriggerSettings(repExit, s, newMarket, drift, icpWeightsChanged, coverageAlert, structuralAlert,
                inactiveAccountAlert, lockExpiryAlert);
    }

    public TriggerSettings withNewMarket(NewMarketRule.Settings s) {
        return new TriggerSettings(repExit, whaleChurn, s, drift, icpWeightsChanged, coverageAlert, structuralAlert,
                inactiveAccountAlert, lockExpiryAlert);
    }

    public TriggerSettings withDrift(DriftRule.Settings s) {
        return new TriggerSettings(repExit, whaleChurn, newMarket, s, icpWeightsChanged, coverageAlert, structuralAlert,
                inactiveAccountAlert, lockExpiryAlert);
    }

    public TriggerSettings withIcpWeightsChanged(IcpWeightsChangedRule.Settings s) {
        return new TriggerSettings(repExit, whaleChurn, newMarket, drift, s, coverageAlert, structuralAlert,
                inactiveAccountAlert, lockExpiryAlert);
    }
}
