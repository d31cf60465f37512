package io.territoryos.trigger.streams;

import io.territoryos.trigger.domain.CommandGate;
import io.territoryos.trigger.domain.Suppression;
import io.territoryos.trigger.domain.TriggerCommand;
import org.apache.kafka.streams.state.KeyValueStore;

/** The gate's memory in the hub's state stores, written in the same transaction as the command it admits. */
final class StoreGateMemory implements CommandGate.Memory {

    private final KeyValueStore<String, EmittedCommand> emitted;
    private final KeyValueStore<String, SuppressedCommand> suppressed;
    private final KeyValueStore<String, Long> cooldowns;
    private final long issuedAt;

    StoreGateMemory(KeyValueStore<String, EmittedCommand> emitted, KeyValueStore<String, SuppressedCommand> suppressed,
                    KeyValueStore<String, Long> cooldowns, long issuedAt) {
        this.emitted = emitted;
        this.suppressed = suppressed;
        this.cooldowns = cooldowns;
        this.issuedAt = issuedAt;
    }

    @Override
    public boolean emitted(String commandId) {
        return emitted.get(commandId) != null;
    }

    @Override
    public boolean suppressed(String commandId) {
        return suppressed.get(commandId) != null;
    }

    @Override
    public Long lastFired(String cooldownKey) {
        return cooldowns.get(cooldownKey);
    }

    @Override
    public void remember(TriggerCommand command) {
        emitted.put(command.commandId(), new EmittedCommand(command, issuedAt));
        Long last = cooldowns.get(command.cooldownKey());
        cooldowns.put(command.cooldownKey(), last == null ? command.sourceEventTime() : Math.max(last, command.sourceEventTime()));
    }

    @Override
    public void rememberSuppressed(Suppression suppression) {
        suppressed.put(suppression.command().commandId(), SuppressedCommand.of(suppression, issuedAt));
        String key = HELD_PREFIX + suppression.command().cooldownKey();
        Long last = cooldowns.get(key);
        long at = suppression.command().sourceEventTime();
        cooldowns.put(key, last == null ? at : Math.max(last, at));
    }

    @Override
    public Long lastHeld(String cooldownKey) {
        return cooldowns.get(HELD_PREFIX + cooldownKey);
    }

    /** The cooldown store also keeps, per cooldown key, when a command was last held (prefixed, never a type). */
    static final String HELD_PREFIX = "held|";
}
