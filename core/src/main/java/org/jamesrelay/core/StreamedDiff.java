package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Collections;
import java.util.Iterator;

/**
 * A {@link TextDiff} applied to lines as they stream by: the lines after the change, as
 * {@link TextDiff#applyTo(java.util.List)} gives them, holding only the diff and one line. Fails as {@code applyTo}
 * does, with an {@link IllegalArgumentException}, when the lines a hunk removes are not those of the text or the hunk
 * lies past its end; the lines before that hunk are then already given.
 */
public final class StreamedDiff implements TextLines {
    private final TextLines before;
    private final Iterator<TextDiff.Hunk> hunks;
    private TextDiff.Hunk nextHunk;
    private Iterator<String> added = Collections.emptyIterator();
    private int position;

    private StreamedDiff(TextDiff diff, TextLines before) {
        this.before = before;
        this.hunks = diff.hunks().iterator();
        this.nextHunk = hunks.hasNext() ? hunks.next() : null;
    }

    /** The lines of {@code before} changed by {@code diff}, read as they are asked for. */
    public static TextLines apply(TextDiff diff, TextLines before) {
        return new StreamedDiff(diff, before);
    }

    /** Writes the text {@code before} reads, changed by {@code diff}, to {@code after}: each line ended by {@code \n}. */
    public static void apply(TextDiff diff, Reader before, Writer after) throws IOException {
        apply(diff, TextLines.of(before)).writeTo(after);
    }

    @Override
    public String next() throws IOException {
        while (true) {
            if (added.hasNext()) {
                return added.next();
            }
            if (nextHunk != null && position == nextHunk.at()) {
                skipRemoved(nextHunk);
                added = nextHunk.added().iterator();
                nextHunk = hunks.hasNext() ? hunks.next() : null;
                continue;
            }
            String line = before.next();
            if (line == null) {
                if (nextHunk != null) {
                    throw doesNotFit(nextHunk);
                }
                return null;
            }
            position++;
            return line;
        }
    }

    private void skipRemoved(TextDiff.Hunk hunk) throws IOException {
        for (String removed : hunk.removed()) {
            String line = before.next();
            if (!removed.equals(line)) {
                throw doesNotFit(hunk);
            }
            position++;
        }
    }

    private static IllegalArgumentException doesNotFit(TextDiff.Hunk hunk) {
        return new IllegalArgumentException("the change does not fit the text at line " + (hunk.at() + 1));
    }
}
