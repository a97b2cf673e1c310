package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/**
 * The lines of a text, one at a time, as {@link TextDiff#lines} splits it (at {@code \n}, a {@code \r} before it
 * dropped, a final empty line left out): so that a policy of millions of lines can be read, changed and written
 * without being held whole.
 */
public interface TextLines {
    /** The next line without its end, or null after the last one. */
    String next() throws IOException;

    /** The lines of the text {@code text} reads, read as they are asked for. */
    static TextLines of(Reader text) {
        return new ReaderLines(new PolicyLineReader(text));
    }

    /** Writes the remaining lines, each ended by {@code \n}: as {@link TextDiff#text} renders them. */
    default void writeTo(Writer out) throws IOException {
        for (String line = next(); line != null; line = next()) {
            out.write(line);
            out.write('\n');
        }
    }

    /** The remaining lines as a text, each ended by {@code \n}, read as they are asked for. */
    default Reader asReader() {
        return new LinesReader(this);
    }
}
