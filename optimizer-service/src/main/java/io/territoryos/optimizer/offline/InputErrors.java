package io.territoryos.optimizer.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in the input, each naming its file, line (or JSON path) and column: an analyst fixes the file
 * in one pass instead of one error per run. The first {@value #SHOWN} are listed, the rest counted.
 */
final class InputErrors {

    static final int SHOWN = 50;

    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        messages.add(message);
    }

    /** {@code where} (file and line, or file and JSON path), the column, and what is wrong with it. */
    void add(String where, String column, String message) {
        messages.add(where + ", column " + column + ": " + message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    void throwIfAny() throws BadInput {
        if (!messages.isEmpty()) {
            throw new BadInput(this);
        }
    }

    /** The errors, one a line; past {@value #SHOWN}, "and N more". */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(messages.size() == 1 ? "1 input error:" : messages.size() + " input errors:");
        for (int i = 0; i < Math.min(SHOWN, messages.size()); i++) {
            text.append(System.lineSeparator()).append("  ").append(messages.get(i));
        }
        if (messages.size() > SHOWN) {
            text.append(System.lineSeparator()).append("  and ").append(messages.size() - SHOWN).append(" more");
        }
        return text.toString();
    }

    /** The input cannot be rebalanced as it is: exit 1 with every error found. */
    static final class BadInput extends Exception {
        private final transient InputErrors errors;

        BadInput(InputErrors errors) {
            super(errors.describe());
            this.errors = errors;
        }

        BadInput(String message) {
            super(message);
            this.errors = new InputErrors();
            this.errors.add(message);
        }

        List<String> messages() {
            return errors.messages();
        }
    }
}
