package org.jamesrelay.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where the recipients of one {@link RecipientTable} stand in the policy text: the number of each one's line, in the
 * order of the table, and whether that line reads exactly as {@link PolicyFileWriter#relayRecipient} writes it (so that
 * its text is known without reading it). Each number is kept relative to the first of them, 4 bytes a recipient: a
 * change before the recipients only moves the first line and shares the numbers. Immutable.
 */
final class RecipientLines {
    private final int first;
    private final int last;
    /** Recipient {@code i} is on line {@code first + offsets[i]}, or {@code first + ~offsets[i]} when it is not written as its key. */
    private final int[] offsets;

    private RecipientLines(int first, int last, int[] offsets) {
        this.first = first;
        this.last = last;
        this.offsets = offsets;
    }

    /** The lines of no recipient: those of a table that was empty. */
    static final RecipientLines NONE = new RecipientLines(0, 0, new int[0]);

    /**
     * The lines of an edited table, gathered as {@link RecipientTable#edited} merges it: those of the recipients kept,
     * moved by the change, and those of the recipients added.
     */
    static final class Merge implements RecipientTable.MergeOrder {
        private final RecipientLines before;
        private final LineShift shift;
        private final int[] added;
        private final int[] merged;
        private int count;
        private boolean keptLineRemoved;

        /**
         * @param added the lines of the added recipients, {@link #encoded}, in the order of their table
         * @param size how many recipients the edited table has
         */
        Merge(RecipientLines before, LineShift shift, int[] added, int size) {
            this.before = before;
            this.shift = shift;
            this.added = added;
            this.merged = new int[size];
        }

        @Override
        public void kept(int index) {
            int line = shift.newLine(before.line(index));
            keptLineRemoved |= line == LineShift.REMOVED;
            merged[count++] = encoded(line, before.writtenAsKey(index));
        }

        @Override
        public void added(int index) {
            merged[count++] = added[index];
        }

        /** Empty when the change removed the line of a recipient it kept. */
        Optional<RecipientLines> lines() {
            return keptLineRemoved ? Optional.empty() : Optional.of(of(merged));
        }
    }

    /** A line number as {@link #of} takes it: {@code line}, or {@code ~line} when the line is not written as its key. */
    static int encoded(int line, boolean writtenAsKey) {
        return writtenAsKey ? line : ~line;
    }

    /** The lines {@link #encoded} in {@code lines}, which this takes over. */
    static RecipientLines of(int[] lines) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int line : lines) {
            int number = line >= 0 ? line : ~line;
            first = Math.min(first, number);
            last = Math.max(last, number);
        }
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i] >= 0 ? lines[i] - first : ~(~lines[i] - first);
        }
        return new RecipientLines(first, last, lines);
    }

    int size() {
        return offsets.length;
    }

    /** The number (from 1) of the line of the table's recipient {@code index}. */
    int line(int index) {
        int offset = offsets[index];
        return first + (offset >= 0 ? offset : ~offset);
    }

    /** Whether the line of recipient {@code index} reads exactly {@code relay-recipient <its key>}. */
    boolean writtenAsKey(int index) {
        return offsets[index] >= 0;
    }

    /** The first line of a recipient of the table. */
    int first() {
        return first;
    }

    /**
     * These lines where {@code shift} moves them: sharing the numbers when it moves them all alike. Empty when it
     * removes one of them: the change removed a recipient's line without removing the recipient.
     */
    Optional<RecipientLines> moved(LineShift shift) {
        if (!shift.changesWithin(first, last)) {
            int by = shift.newLine(first) - first;
            return Optional.of(by == 0 ? this : new RecipientLines(first + by, last + by, offsets));
        }
        int[] moved = new int[size()];
        for (int i = 0; i < size(); i++) {
            int line = shift.newLine(line(i));
            if (line == LineShift.REMOVED) {
                return Optional.empty();
            }
            moved[i] = encoded(line, writtenAsKey(i));
        }
        return Optional.of(of(moved));
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RecipientLines) {
            RecipientLines that = (RecipientLines) o;
            return first == that.first && Arrays.equals(offsets, that.offsets);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return 31 * first + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        StringBuilder lines = new StringBuilder("lines");
        for (int i = 0; i < Math.min(size(), 20); i++) {
            lines.append(' ').append(line(i)).append(writtenAsKey(i) ? "" : "*");
        }
        return lines.append(size() > 20 ? " ..." : "").toString();
    }
}
