package io.territoryos.territory.streams;

import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.TimedContribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads scored accounts (keyed by account id) and writes one delta per change, re-keyed to the organisation:
 * the account's previous contribution from the store and its new one, so that the aggregation can take back
 * exactly what it added before.
 */
final class AccountContributionProcessor implements Processor<String, TimedContribution, String, TerritoryEvent> {

    private final String orgId;
    private ProcessorContext<String, TerritoryEvent> context;
    private KeyValueStore<String, AccountContribution> contributions;

    AccountContributionProcessor(String orgId) {
        this.orgId = orgId;
    }

    @Override
    public void init(ProcessorContext<String, TerritoryEvent> context) {
        this.context = context;
        this.contributions = context.getStateStore(TerritoryTopology.CONTRIBUTIONS_STORE);
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
        context.forward(record.withKey(orgId).withValue(TerritoryEvent.accountDelta(delta)));
    }
}
