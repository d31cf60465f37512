package io.territoryos.optimizer.workflow;

import io.territoryos.contracts.avro.RebalanceCommand;

/** Where a person's rebalance request goes: rebalance.commands in the service, answered like any trigger's command. */
@FunctionalInterface
public interface CommandSink {

    void publishCommand(RebalanceCommand command);
}
