package org.jamesrelay.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * A text read from its start at each pass, line by line as {@link TextDiff#lines} splits it: a stored policy read
 * through, so that a document of millions of lines is never held whole.
 */
@FunctionalInterface
public interface LineSource {
    /**
     * Gives every line of the text, in order, to {@code line}.
     *
     * @return the version of the text read: two passes that return the same version gave the same lines
     */
    long forEachLine(Consumer<String> line);

    /** Lines held in memory, of a text that never changes (version 1). */
    static LineSource of(List<String> lines) {
        List<String> held = List.copyOf(lines);
        return line -> {
            held.forEach(line);
            return 1;
        };
    }
}
