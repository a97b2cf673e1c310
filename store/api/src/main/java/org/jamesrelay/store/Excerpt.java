package org.jamesrelay.store;

import java.util.List;
import java.util.Locale;

/**
 * One side of an audited change within a bounded size: at most {@link PolicyChange#KEPT_LINES} lines and
 * {@link PolicyChange#KEPT_CHARACTERS} characters. A longer side keeps its first lines, and a last line that counts
 * the lines left out; an excerpt is its own excerpt.
 */
final class Excerpt {
    private static final int ROOM_FOR_THE_COUNT = 40;
    private static final String CUT = "[...]";

    static String of(String side) {
        if (side.length() <= PolicyChange.KEPT_CHARACTERS && side.chars().filter(c -> c == '\n').count() < PolicyChange.KEPT_LINES) {
            return side;
        }
        return of(LineDiff.lines(side));
    }

    static String of(List<String> lines) {
        String whole = String.join("\n", lines);
        if (lines.size() <= PolicyChange.KEPT_LINES && whole.length() <= PolicyChange.KEPT_CHARACTERS) {
            return whole;
        }
        int characters = PolicyChange.KEPT_CHARACTERS - ROOM_FOR_THE_COUNT;
        StringBuilder kept = new StringBuilder();
        int count = 0;
        for (String line : lines) {
            int room = characters - kept.length() - 1;
            if (count == PolicyChange.KEPT_LINES - 1 || (count > 0 && line.length() > room)) {
                break;
            }
            if (count > 0) {
                kept.append('\n');
            }
            kept.append(line.length() > room ? line.substring(0, room - CUT.length()) + CUT : line);
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
