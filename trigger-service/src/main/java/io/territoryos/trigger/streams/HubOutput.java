package io.territoryos.trigger.streams;

import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.trigger.domain.Alert;

/** What the hub sends on: a command that passed the gate, or the alert of one its cooldown held (one field set). */
record HubOutput(RebalanceCommand command, Alert alert) {

    static HubOutput command(RebalanceCommand command) {
        return new HubOutput(command, null);
    }

    static HubOutput alert(Alert alert) {
        return new HubOutput(null, alert);
    }
}
