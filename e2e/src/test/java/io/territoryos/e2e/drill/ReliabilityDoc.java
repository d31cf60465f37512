package io.territoryos.e2e.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the "last run" figures of each drill in {@code docs/reliability.md} current: the text between
 * {@code <!-- drill:NAME:last-run -->} and {@code <!-- /drill:NAME:last-run -->} is replaced, everything else (what
 * the drill does and checks, written by hand) stays. A drill without markers gets a section appended.
 */
public final class ReliabilityDoc {

    static String begin(String drill) {
        return "<!-- drill:" + drill + ":last-run -->";
    }

    static String end(String drill) {
        return "<!-- /drill:" + drill + ":last-run -->";
    }

    /** The document with the drill's last-run block replaced by {@code block} (or a new section holding it). */
    public static String replace(String doc, String drill, String block) {
        String begin = begin(drill);
        String end = end(drill);
        String body = begin + "\n" + block.strip() + "\n" + end;
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        if (from >= 0 && to > from) {
            return doc.substring(0, from) + body + doc.substring(to + end.length());
        }
        String prefix = doc.isEmpty() || doc.endsWith("\n\n") ? doc : doc.endsWith("\n") ? doc + "\n" : doc + "\n\n";
        return prefix + "## `" + drill + "`\n\n" + body + "\n";
    }

    public static void update(Path file, String drill, String block) throws IOException {
        String doc = Files.exists(file) ? Files.readString(file) : "# Reliability\n";
        Files.writeString(file, replace(doc, drill, block));
    }

    private ReliabilityDoc() {
    }
}
