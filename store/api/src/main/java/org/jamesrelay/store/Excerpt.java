package org.jamesrelay.store;

import java.util.ArrayList;
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
        return of(lines, lines.size());
    }

    /**
     * The excerpt of a side of {@code total} lines, of which {@code first} are the first ones: all of them, or at least
     * {@link PolicyChange#KEPT_LINES}.
     */
    private static String of(List<String> first, int total) {
        String whole = String.join("\n", first);
        if (total <= PolicyChange.KEPT_LINES && whole.length() <= PolicyChange.KEPT_CHARACTERS) {
            return whole;
        }
        int characters = PolicyChange.KEPT_CHARACTERS - ROOM_FOR_THE_COUNT;
        StringBuilder kept = new StringBuilder();
        int count = 0;
        for (String line : first) {
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
        if (count < total) {
            kept.append(String.format(Locale.ROOT, "\n[and %,d more lines]", total - count));
        }
        return kept.toString();
    }

    /** The excerpt of a side told line by line, of any length: keeps the lines an excerpt can keep, and counts the others. */
    static final class Builder {
        private final List<String> first = new ArrayList<>();
        private int total;

        void add(String line) {
            if (first.size() < PolicyChange.KEPT_LINES) {
                first.add(line);
            }
            total++;
        }

        String build() {
            return of(first, total);
        }
    }

    private Excerpt() {
    }
}
