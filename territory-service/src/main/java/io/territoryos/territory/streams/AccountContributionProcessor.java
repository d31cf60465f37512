package io.territoryos.territory.streams;

import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.Territories;
import io.territoryos.territory.domain.TimedContribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads scored accounts (keyed by account id) and writes the change to the territories, keyed by the team of
 * the owner: the account's previous contribution from the store and its new one, so that the aggregation can
 * take back exactly what it added before. A move inside a team is one delta for that team's task; a move
 * across teams is two, one leaving the old team and one entering the new. The owner's team comes from the
 * rep routes (a global table): a route that is not there yet sends the change to {@link Territories#NO_TEAM},
 * whose task hands the sums over once the route is known.
 */
final class AccountContributionProcessor implements Processor<String, TimedContribution, String, TerritoryEvent> {

    private ProcessorContext<String, TerritoryEvent> context;
    private KeyValueStore<String, AccountContribution> contributions;
    private KeyValueStore<String, String> routes;

    @Override
    public void init(ProcessorContext<String, TerritoryEvent> context) {
        this.context = context;
        this.contributions = context.getStateStore(TerritoryTopology.CONTRIBUTIONS_STORE);
        this.routes = context.getStateStore(TerritoryTopology.REP_ROUTES_STORE);
    }

    @Override
    public void process(Record<String, TimedContribution> record) {
        TimedContribution scored = record.value();
        AccountContribution after = scored == null ? null : scored.contribution();
        String accountId = record.key() != null ? record.key() : after == null ? null : after.accountId();
        if (accountId == null) {
            return; // a keyless tombstone names no account: there is nothing it could remove
        }
        AccountContribution before = contributions.get(accountId);
        long eventTime = scored == null ? record.timestamp() : scored.sourceEventTime();
        AccountDelta delta = AccountDelta.between(accountId, before, after, eventTime);
        if (delta == null) {
            return; // a re-delivery or a re-score that changes no sum
        }
        if (after == null) {
            contributions.delete(accountId);
        } else {
            contributions.put(accountId, after);
        }
        String from = before == null ? null : home(before);
        String to = after == null ? null : home(after);
        if (from == null || to == null || from.equals(to)) {
            context.forward(record.withKey(from != null ? from : to).withValue(TerritoryEvent.accountDelta(delta)));
        } else {
            context.forward(record.withKey(from).withValue(TerritoryEvent.accountDelta(new AccountDelta(accountId, before, null, eventTime))));
            context.forward(record.withKey(to).withValue(TerritoryEvent.accountDelta(new AccountDelta(accountId, null, after, eventTime))));
        }
    }

    private String home(AccountContribution contribution) {
        return TerritoryTopology.homeOf(contribution.territoryId(), routes);
    }
}
