package io.territoryos.demo.csv;

import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import io.territoryos.demo.domain.CrmDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The change events that bring the CDC topics from what they hold to what the export says, in the order a CRM's
 * connector would emit them for one consistent edit: reps first (so new owners exist before their accounts), then
 * accounts, then deleted accounts (op {@code d} and a tombstone), then deleted reps.
 */
public record ImportPlan(CrmDiff<CrmRep> reps, CrmDiff<CrmAccount> accounts) {

    public static ImportPlan of(CsvImportResult export, Map<String, CrmRep> currentReps,
                                Map<String, CrmAccount> currentAccounts) {
        return new ImportPlan(
                CrmDiff.of(currentReps, export.reps(), export.rejectedRepIds(), CrmRep::repId),
                CrmDiff.of(currentAccounts, export.accounts(), export.rejectedAccountIds(), CrmAccount::accountId));
    }

    /** The events, {@code ts_ms} = {@code tsMs} + position. */
    public List<CdcRecord> events(CdcFormat format, long tsMs) {
        DebeziumEventWriter writer = new DebeziumEventWriter(format);
        List<CdcRecord> events = new ArrayList<>();
        reps.inserts().forEach(r -> events.add(writer.rep(ChangeOp.CREATE, r, tsMs + events.size())));
        reps.updates().forEach(r -> events.add(writer.rep(ChangeOp.UPDATE, r, tsMs + events.size())));
        accounts.inserts().forEach(a -> events.add(writer.account(ChangeOp.CREATE, a, tsMs + events.size())));
        accounts.updates().forEach(a -> events.add(writer.account(ChangeOp.UPDATE, a, tsMs + events.size())));
        for (String id : accounts.deletes()) {
            events.add(writer.accountDelete(id, tsMs + events.size()));
            events.add(writer.accountTombstone(id));
        }
        for (String id : reps.deletes()) {
            events.add(writer.repDelete(id, tsMs + events.size()));
            events.add(writer.repTombstone(id));
        }
        return events;
    }

    public boolean isEmpty() {
        return reps.isEmpty() && accounts.isEmpty();
    }

    @Override
    public String toString() {
        return "reps: " + reps + "; accounts: " + accounts;
    }
}
