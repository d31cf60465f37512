package io.territoryos.demo.csv;

import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The accepted rows of a CRM export, the rejected ones with their reasons, and warnings (ignored columns, unknown owners). */
public record CsvImportResult(List<CrmRep> reps, List<CrmAccount> accounts, List<CsvRejection> rejections,
                             List<String> warnings) {

    /** The accepted rows as a snapshot (op {@code r}): reps, then accounts, {@code ts_ms} = base time + position. */
    public Stream<CdcRecord> snapshotEvents(CdcFormat format) {
        DebeziumEventWriter writer = new DebeziumEventWriter(format);
        long base = format.baseTimeMs();
        return Stream.concat(
                IntStream.range(0, reps.size()).mapToObj(i -> writer.rep(ChangeOp.READ, reps.get(i), base + i)),
                IntStream.range(0, accounts.size()).mapToObj(
                        i -> writer.account(ChangeOp.READ, accounts.get(i), base + reps.size() + i)));
    }
}
