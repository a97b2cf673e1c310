package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The change from one text to the next as its lines removed and added where they stand: a list of {@link Hunk}s, in
 * order, each at a line of the text before. Lines are those of {@link PolicyDocument}: split at {@code \n} (a
 * {@code \r} before it dropped), a final empty line left out. What a store records of an edit and what a node applies
 * to its snapshot ({@link PolicySnapshot#apply}), so that neither handles the whole text of a large policy.
 */
public final class TextDiff {
    /** Past this many differing lines in the middle, the middle is one hunk: a diff of it would cost more than it saves. */
    private static final int MAX_COMPARED_EDITS = 1_000;

    /** At line {@code at} (0-based) of the text before, {@code removed} lines give way to {@code added} ones. */
    public static final class Hunk {
        private final int at;
        private final List<String> removed;
        private final List<String> added;

        public Hunk(int at, List<String> removed, List<String> added) {
            if (at < 0) {
                throw new IllegalArgumentException("negative line " + at);
            }
            this.at = at;
            this.removed = List.copyOf(removed);
            this.added = List.copyOf(added);
        }

        public int at() {
            return at;
        }

        public List<String> removed() {
            return removed;
        }

        public List<String> added() {
            return added;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Hunk) {
                Hunk that = (Hunk) o;
                return at == that.at && removed.equals(that.removed) && added.equals(that.added);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(at, removed, added);
        }
    }

    private final List<Hunk> hunks;

    public TextDiff(List<Hunk> hunks) {
        this.hunks = List.copyOf(hunks);
        for (int i = 1; i < hunks.size(); i++) {
            Hunk previous = hunks.get(i - 1);
            if (hunks.get(i).at < previous.at + previous.removed.size()) {
                throw new IllegalArgumentException("hunks out of order or overlapping at line " + hunks.get(i).at);
            }
        }
    }

    /** The lines of a text as {@link PolicyDocument} splits it. */
    public static List<String> lines(String text) {
        List<String> lines = Arrays.asList(text.split("\r?\n", -1));
        return lines.get(lines.size() - 1).isEmpty() ? lines.subList(0, lines.size() - 1) : lines;
    }

    /** The text of these lines, each ended by {@code \n}: as {@link PolicyDocument#render()} writes it. */
    public static String text(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * The lines that differ between {@code before} and {@code after}: the common first and last lines are skipped, and
     * the rest compared line by line (Myers' algorithm) unless it differs in too many lines to be worth it.
     */
    public static TextDiff between(List<String> before, List<String> after) {
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endBefore = before.size();
        int endAfter = after.size();
        while (endBefore > start && endAfter > start && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
            endBefore--;
            endAfter--;
        }
        if (start == endBefore && start == endAfter) {
            return new TextDiff(List.of());
        }
        return new TextDiff(MiddleDiff.hunks(before.subList(start, endBefore), after.subList(start, endAfter), start, MAX_COMPARED_EDITS));
    }

    public List<Hunk> hunks() {
        return hunks;
    }

    public boolean isEmpty() {
        return hunks.isEmpty();
    }

    /** How many lines are removed and added in all. */
    public int changedLines() {
        return hunks.stream().mapToInt(hunk -> hunk.removed.size() + hunk.added.size()).sum();
    }

    /**
     * The lines after this change; fails when the lines the change removes are not those of {@code lines}: the change
     * was made to another text.
     */
    public List<String> applyTo(List<String> lines) {
        List<String> result = new ArrayList<>(lines.size() + changedLines());
        int position = 0;
        for (Hunk hunk : hunks) {
            if (hunk.at + hunk.removed.size() > lines.size() || !lines.subList(hunk.at, hunk.at + hunk.removed.size()).equals(hunk.removed)) {
                throw new IllegalArgumentException("the change does not fit the text at line " + (hunk.at + 1));
            }
            result.addAll(lines.subList(position, hunk.at));
            result.addAll(hunk.added);
            position = hunk.at + hunk.removed.size();
        }
        result.addAll(lines.subList(position, lines.size()));
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextDiff && hunks.equals(((TextDiff) o).hunks);
    }

    @Override
    public int hashCode() {
        return hunks.hashCode();
    }

    @Override
    public String toString() {
        return "TextDiff{" + hunks.size() + " hunks, " + changedLines() + " lines}";
    }
}
