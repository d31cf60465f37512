package io.territoryos.trigger.streams;

import io.territoryos.contracts.avro.DeadLetter;
import io.territoryos.trigger.domain.Alert;

/** What the first processors send on: a fact for the hub, an alert, or a dead letter (one field set). */
record Emission(HubEvent hub, Alert alert, DeadLetter deadLetter) {

    static Emission hub(HubEvent event) {
        return new Emission(event, null, null);
    }

    static Emission alert(Alert alert) {
        return new Emission(null, alert, null);
    }

    static Emission deadLetter(DeadLetter deadLetter) {
        return new Emission(null, null, deadLetter);
    }
}
