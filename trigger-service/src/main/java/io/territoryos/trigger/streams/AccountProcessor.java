package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.AccountAlertRule;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.trigger.domain.AccountChange;
import io.territoryos.trigger.domain.AccountFacts;
import io.territoryos.trigger.domain.Alert;
import io.territoryos.trigger.domain.TriggerRules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads scored accounts (keyed by account id; a tombstone is a deletion), remembers each account's last known
 * owner and potential, and sends losses and market moves to the hub; raises inactivity and lock-expiry alerts on
 * each update and on a stream-time scan.
 */
final class AccountProcessor extends ContextualProcessor<String, AccountFacts, String, Emission> {

    static ProcessorSupplier<String, AccountFacts, String, Emission> supplier(
            TriggerRules rules, Duration scanInterval, TriggerListener listener) {
        return new ProcessorSupplier<>() {
            @Override
            public AccountProcessor get() {
                return new AccountProcessor(rules, scanInterval, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // every scored account is read and written here (a re-score: each account of the book): binary, not
                // JSON, and without a record cache: an account changes once in a re-score and rarely twice in a
                // commit, so a cache merges almost no writes and costs a sorted-map insert, eviction and flush per
                // account (44% of territory-service's thread in its store of the same kind, JFR 2026-12-08)
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACCOUNTS),
                        Serdes.String(), RecordSerde.of(AccountFacts.class)).withCachingDisabled());
            }
        };
    }

    private final TriggerRules rules;
    private final Duration scanInterval;
    private final TriggerListener listener;
    private KeyValueStore<String, AccountFacts> accounts;

    private AccountProcessor(TriggerRules rules, Duration scanInterval, TriggerListener listener) {
        this.rules = rules;
        this.scanInterval = scanInterval;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        super.init(context);
        accounts = context.getStateStore(StoreNames.ACCOUNTS);
        // inactivity is a matter of event time: quiet partitions do not age their accounts
        context.schedule(scanInterval, PunctuationType.STREAM_TIME, this::scan);
    }

    @Override
    public void process(Record<String, AccountFacts> record) {
        String accountId = record.key() != null ? record.key()
                : record.value() != null ? record.value().accountId() : null;
        if (accountId == null) {
            return; // a tombstone without a key names no account
        }
        AccountFacts before = accounts.get(accountId);
        AccountFacts after = record.value() == null ? null
                : record.value().rememberingAlertsOf(before);
        AccountChange change = AccountChange.between(before, after, record.timestamp());
        if (change.loss() != null) {
            forward(record, HubEvent.loss(change.loss()));
        }
        if (change.left() != null) {
            forward(record, HubEvent.exit(change.left(), after != null ? after.eventTime() : record.timestamp()));
        }
        if (change.entered() != null) {
            forward(record, HubEvent.entry(change.entered()));
        }
        if (after == null) {
            accounts.delete(accountId);
        } else {
            accounts.put(accountId, raiseAlerts(after, context().currentStreamTimeMs(), record.timestamp()));
        }
    }

    private void scan(long streamTime) {
        List<KeyValue<String, AccountFacts>> updated = new ArrayList<>();
        try (KeyValueIterator<String, AccountFacts> all = accounts.all()) {
            while (all.hasNext()) {
                KeyValue<String, AccountFacts> entry = all.next();
                AccountFacts after = raiseAlerts(entry.value, streamTime, streamTime);
                if (!after.equals(entry.value)) {
                    updated.add(KeyValue.pair(entry.key, after));
                }
            }
        }
        accounts.putAll(updated);
    }

    private AccountFacts raiseAlerts(AccountFacts account, long now, long timestamp) {
        AccountFacts current = account;
        for (AccountAlertRule rule : rules.accountAlerts()) {
            var alert = rule.evaluate(current, now);
            if (alert.isPresent()) {
                raise(alert.get(), timestamp);
                current = rule.markAlerted(current);
            }
        }
        return current;
    }

    private void raise(Alert alert, long timestamp) {
        listener.alertRaised(alert.kind());
        context().forward(new Record<>(alert.partitionKey(), Emission.alert(alert), timestamp));
    }

    private void forward(Record<String, AccountFacts> record, HubEvent event) {
        context().forward(new Record<>(record.key(), Emission.hub(event), record.timestamp()));
    }
}
