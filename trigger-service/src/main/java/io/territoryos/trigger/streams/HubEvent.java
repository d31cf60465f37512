package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AccountLoss;
import io.territoryos.trigger.domain.BalanceFacts;
import io.territoryos.trigger.domain.MarketEntry;
import io.territoryos.trigger.domain.MarketExit;
import io.territoryos.trigger.domain.RepFacts;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import io.territoryos.trigger.domain.TerritoryFacts;
import io.territoryos.trigger.domain.WeightsVersion;

/**
 * One fact on its way to the rule hub (the internal "hub" repartition topic); exactly one payload field is set,
 * the one {@code kind} names.
 */
public record HubEvent(
        Kind kind, String subject, long eventTime, RepFacts rep, TerritoryFacts territory, BalanceFacts balance,
        WeightsVersion weights, AccountLoss loss, MarketEntry entry, MarketExit exit, TeamPolicyFacts policy) {

    public enum Kind {
        REP, REP_DELETED, TERRITORY, BALANCE, WEIGHTS, ACCOUNT_LOSS, MARKET_ENTRY, MARKET_EXIT, POLICY, POLICY_DELETED
    }

    static HubEvent rep(RepFacts rep) {
        return new HubEvent(Kind.REP, rep.repId(), rep.changedAt(), rep, null, null, null, null, null, null, null);
    }

    static HubEvent repDeleted(String repId, long eventTime) {
        return new HubEvent(Kind.REP_DELETED, repId, eventTime, null, null, null, null, null, null, null, null);
    }

    static HubEvent territory(TerritoryFacts territory) {
        return new HubEvent(Kind.TERRITORY, territory.repId(), territory.eventTime(), null, territory, null, null, null,
                null, null, null);
    }

    static HubEvent balance(BalanceFacts balance) {
        return new HubEvent(Kind.BALANCE, balance.team(), balance.eventTime(), null, null, balance, null, null, null, null,
                null);
    }

    static HubEvent weights(WeightsVersion weights) {
        return new HubEvent(Kind.WEIGHTS, weights.formulaVersion(), weights.publishedAt(), null, null, null, weights,
                null, null, null, null);
    }

    static HubEvent loss(AccountLoss loss) {
        return new HubEvent(Kind.ACCOUNT_LOSS, loss.accountId(), loss.eventTime(), null, null, null, null, loss, null, null,
                null);
    }

    static HubEvent entry(MarketEntry entry) {
        return new HubEvent(Kind.MARKET_ENTRY, entry.accountId(), entry.eventTime(), null, null, null, null, null, entry,
                null, null);
    }

    static HubEvent exit(MarketExit exit, long eventTime) {
        return new HubEvent(Kind.MARKET_EXIT, exit.accountId(), eventTime, null, null, null, null, null, null, exit,
                null);
    }

    static HubEvent policy(TeamPolicyFacts policy) {
        return new HubEvent(Kind.POLICY, policy.team(), policy.publishedAt(), null, null, null, null, null, null, null,
                policy);
    }

    /** A tombstone on config.team-policies: the team is back to the defaults (it carries no event time). */
    static HubEvent policyDeleted(String team) {
        return new HubEvent(Kind.POLICY_DELETED, team, 0L, null, null, null, null, null, null, null, null);
    }
}
