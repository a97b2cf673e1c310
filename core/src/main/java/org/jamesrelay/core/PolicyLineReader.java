package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a policy text, one at a time, so that a policy of millions of lines is never held whole: lines end at
 * {@code \n}, and a {@code \r} right before it is dropped ({@code \r\n}); a lone {@code \r} is no line end.
 */
final class PolicyLineReader {
    private final Reader reader;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private boolean ended;

    PolicyLineReader(Reader reader) {
        this.reader = reader;
    }

    /** The next line without its end, or null after the last one (which may be empty, as after a final {@code \n}). */
    String nextLine() throws IOException {
        if (ended) {
            return null;
        }
        line.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                return line.toString();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                position++;
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
        }
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = reader.read(buffer);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
