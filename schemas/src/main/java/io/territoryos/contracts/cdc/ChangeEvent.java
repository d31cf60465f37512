package io.territoryos.contracts.cdc;

/**
 * One decoded CDC record.
 *
 * @param id        the record id, from the key (or, when the key lacks it, from the row)
 * @param op        the operation; null for a tombstone
 * @param after     the row after the change; null for deletes and tombstones
 * @param tsMs      Debezium's {@code ts_ms} (0 when absent, e.g. tombstones)
 * @param tombstone true for the null-valued record that follows a delete
 */
public record ChangeEvent(String id, ChangeOp op, CdcRow after, long tsMs, boolean tombstone) {

    /** True when the record removes the row: a delete or its tombstone. */
    public boolean removesRow() {
        return tombstone || op == ChangeOp.DELETE;
    }
}
