package io.territoryos.demo.csv;

import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The accepted rows of a CRM export, the rejected ones with their reasons, warnings (ignored columns, unknown
 * owners), the header mapping each file was read with, and the ids on rejected rows (a re-import neither
 * changes nor deletes them).
 */
public record CsvImportResult(List<CrmRep> reps, List<CrmAccount> accounts, List<CsvRejection> rejections,
                              List<String> warnings, String repsMapping, String accountsMapping,
                              Set<String> rejectedRepIds, Set<String> rejectedAccountIds) {

    /** Rows rejected (a row with several problems counts once). */
    public long rejectedRows() {
        return rejections.stream().map(r -> r.file() + ":" + r.line()).distinct().count();
    }

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
