package org.jamesrelay.core;

import java.io.IOException;
import java.io.Reader;

/** The text of some {@link TextLines}, each line ended by {@code \n}, read as the lines are asked for. */
final class LinesReader extends Reader {
    private final TextLines lines;
    private String line = "";
    private int position;
    private boolean ended;

    LinesReader(TextLines lines) {
        this.lines = lines;
        this.position = 1;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length && !ended) {
            if (position > line.length()) {
                String next = lines.next();
                if (next == null) {
                    ended = true;
                    break;
                }
                line = next;
                position = 0;
            }
            if (position == line.length()) {
                buffer[offset + written++] = '\n';
                position++;
            } else {
                int count = Math.min(length - written, line.length() - position);
                line.getChars(position, position + count, buffer, offset + written);
                position += count;
                written += count;
            }
        }
        return written == 0 ? -1 : written;
    }

    @Override
    public void close() {
        ended = true;
    }
}
