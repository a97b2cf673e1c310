package org.jamesrelay.core;

import java.io.IOException;

/**
 * The lines of a {@link PolicyLineReader} but its last one when empty: the line after a final {@code \n}, or the only
 * line of an empty text, is no line of the text. Reads one line ahead to tell.
 */
final class ReaderLines implements TextLines {
    private final PolicyLineReader reader;
    private boolean started;
    private String ahead;

    ReaderLines(PolicyLineReader reader) {
        this.reader = reader;
    }

    @Override
    public String next() throws IOException {
        if (!started) {
            ahead = reader.nextLine();
            started = true;
        }
        String line = ahead;
        if (line == null) {
            return null;
        }
        ahead = reader.nextLine();
        return ahead == null && line.isEmpty() ? null : line;
    }
}
