package io.territoryos.territory.streams;

import io.territoryos.contracts.avro.DeadLetter;

/** Result of decoding one crm.reps record: a change for the aggregation, or a dead letter. */
record RepDecoding(TerritoryEvent event, DeadLetter deadLetter) {

    boolean failed() {
        return deadLetter != null;
    }
}
