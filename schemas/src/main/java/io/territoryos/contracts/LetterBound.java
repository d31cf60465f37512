package io.territoryos.contracts;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many original key and value bytes a dead letter copies at most: configured at start, lowered when a
 * dead-letter topic refuses a letter as too large (its {@code max.message.bytes} below the bound), so that the
 * letter the stream re-processes fits. It only goes down.
 */
public final class LetterBound {

    private final AtomicInteger bytes;

    public LetterBound(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a letter bound cannot be negative: " + bytes);
        }
        this.bytes = new AtomicInteger(bytes);
    }

    public int bytes() {
        return bytes.get();
    }

    /**
     * A letter of {@code refusedLetterBytes} was refused: later letters copy at most an eighth of that (and less than
     * now). One step fits a topic whose limit is above an eighth of the refused letter; a lower limit refuses again
     * and is cut again.
     *
     * @return the new bound, or -1 when letters already copy nothing: then the topic takes less than a letter's
     *         metadata, which no cut can mend
     */
    public int lowerAfterRefusal(int refusedLetterBytes) {
        int before = bytes.get();
        if (before == 0) {
            return -1;
        }
        int lowered = Math.min(before - 1, Math.max(0, refusedLetterBytes / 8));
        return bytes.accumulateAndGet(lowered, Math::min);
    }
}
