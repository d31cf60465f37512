package io.territoryos.trigger.domain;

/** The five rebalance triggers of PRODUCT.md section 6, each published on rebalance.commands. */
public enum CommandType {
    REP_EXIT, WHALE_CHURN, NEW_MARKET, DRIFT, ICP_WEIGHTS_CHANGED
}
