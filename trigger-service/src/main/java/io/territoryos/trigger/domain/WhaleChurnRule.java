package io.territoryos.trigger.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * WHALE_CHURN: an account is lost (churned or deleted) whose potential before the loss was at least a share
 * (10% by default) of its owner's territory potential. The scope is the owner's whole team (not narrowed to the
 * owner's segment or region) and names the owner in {@code repIds}; the cooldown is counted per lost account, so two
 * whales lost in one team are two commands.
 */
public final class WhaleChurnRule {

    /**
     * @param shareThreshold lost potential / territory potential before the loss at which the rule fires (inclusive)
     * @param minPotential   losses below this potential never fire, whatever the share (tiny books)
     * @param cooldown       per lost account (never per team: a second whale lost in the same team within the hour
     *                       is another account and has its own command; the same account lost again is held)
     */
    public record Settings(boolean enabled, double shareThreshold, double minPotential, Duration cooldown) {
        public static Settings defaults() {
            return new Settings(true, 0.10, 0.0, Duration.ofHours(1));
        }
    }

    private final Settings settings;

    public WhaleChurnRule(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * @param loss      the loss, with the potential the account had before it
     * @param territory the owner's latest territory health; it may already reflect the loss
     * @param owner     the owner from the CRM, null when unknown (the team then comes from health)
     */
    public Optional<TriggerCommand> evaluate(AccountLoss loss, TerritoryFacts territory, RepFacts owner) {
        if (!settings.enabled() || loss.ownerRepId() == null || territory == null) {
            return Optional.empty();
        }
        double lost = loss.lostPotential();
        if (lost <= 0 || lost < settings.minPotential()) {
            return Optional.empty();
        }
        double before = territoryPotentialBefore(loss, territory);
        double share = lost / before;
        if (!Numbers.atLeast(share, settings.shareThreshold())) {
            return Optional.empty();
        }
        String team = owner != null && owner.team() != null ? owner.team() : territory.team();
        if (team == null) {
            return Optional.empty();
        }
        List<EvidenceItem> evidence = List.of(
                EvidenceItem.of("lost_potential", lost, loss.accountId()),
                EvidenceItem.of("territory_potential_before", before, loss.ownerRepId()),
                EvidenceItem.against("lost_potential_share", share, settings.shareThreshold(), loss.accountId()),
                EvidenceItem.of("territory_potential_after", before - lost, loss.ownerRepId()));
        String summary = "Account " + loss.accountId() + (loss.deleted() ? " was deleted" : " churned") + ", taking "
                + Numbers.money(lost) + " potential (" + Numbers.percent(share) + " of rep " + loss.ownerRepId()
                + "'s territory, threshold " + Numbers.percent(settings.shareThreshold()) + "); rebalance team " + team + ".";
        CommandScope scope = CommandScope.team(team, List.of(loss.ownerRepId()));
        return Optional.of(new TriggerCommand("WHALE_CHURN:" + loss.accountId() + ":" + loss.eventTime(),
                CommandType.WHALE_CHURN, scope, evidence, summary, loss.accountId(), loss.eventTime()));
    }

    /**
     * Territory health produced by the loss itself (or later) no longer holds the account's potential, so it is
     * added back; older health still holds it. Never less than the lost potential itself.
     */
    static double territoryPotentialBefore(AccountLoss loss, TerritoryFacts territory) {
        double potential = territory.potentialTotal();
        if (territory.eventTime() >= loss.eventTime()) {
            potential += loss.lostPotential();
        }
        return Math.max(potential, loss.lostPotential());
    }
}
