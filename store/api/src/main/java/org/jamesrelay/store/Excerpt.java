package org.jamesrelay.store;

import java.util.List;
import java.util.Locale;

/**
 * One side of an audited change cut to a bounded size: at most {@link PolicyChange#KEPT_LINES} lines and
 * {@link PolicyChange#KEPT_CHARACTERS} characters, then a last line that counts the lines left out.
 */
final class Excerpt {
    static String of(String side) {
        if (side.length() <= PolicyChange.KEPT_CHARACTERS && side.chars().filter(c -> c == '\n').count() < PolicyChange.KEPT_LINES) {
            return side;
        }
        return of(LineDiff.lines(side));
    }

    static String of(List<String> lines) {
        StringBuilder kept = new StringBuilder();
        int count = 0;
        for (String line : lines) {
            int room = PolicyChange.KEPT_CHARACTERS - kept.length() - 1;
            if (count == PolicyChange.KEPT_LINES || (count > 0 && line.length() > room)) {
                break;
            }
            if (count > 0) {
                kept.append('\n');
            }
            kept.append(line.length() > room ? line.substring(0, Math.max(0, room)) + "[...]" : line);
            count++;
        }
        if (count < lines.size()) {
            kept.append(String.format(Locale.ROOT, "\n[and %,d more lines]", lines.size() - count));
        }
        return kept.toString();
    }

    private Excerpt() {
    }
}
