package io.territoryos.optimizer.workflow;

/**
 * A command that can never be answered however often it is retried: it is invalid (no team, a budget outside
 * 0..1) or the solver itself failed on it. Such a command is dead-lettered; any other failure (MongoDB or Kafka
 * unreachable, the book view behind) is the infrastructure's, and the command is retried instead.
 */
public final class CommandRejected extends RuntimeException {

    /** The dead letter's error type: INVALID (the command contradicts the rules) or SOLVE (the solver failed). */
    private final String errorType;

    public CommandRejected(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public static CommandRejected invalid(String message) {
        return new CommandRejected("INVALID", message, null);
    }

    public String errorType() {
        return errorType;
    }
}
