package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.TriggerCommand;

/** A command as it was published, with the wall-clock time it was issued. */
public record EmittedCommand(TriggerCommand command, long issuedAt) {
}
