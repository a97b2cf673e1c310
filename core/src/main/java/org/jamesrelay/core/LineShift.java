package org.jamesrelay.core;

import java.util.List;

/**
 * Where a {@link TextDiff} moves the lines of the text before it: each line it keeps, to its number in the text after;
 * found by a binary search over the hunks, so that renumbering a table of millions of recipients costs a few steps a
 * line, whatever the number of hunks. Immutable.
 */
final class LineShift {
    /** What {@link #newLine} gives for a line the change removes. */
    static final int REMOVED = -1;

    private final int[] starts;
    private final int[] ends;
    /** How many lines the text after has more than the text before, past the end of each hunk. */
    private final int[] shifts;

    LineShift(TextDiff change) {
        List<TextDiff.Hunk> hunks = change.hunks();
        starts = new int[hunks.size()];
        ends = new int[hunks.size()];
        shifts = new int[hunks.size()];
        int shift = 0;
        for (int i = 0; i < hunks.size(); i++) {
            TextDiff.Hunk hunk = hunks.get(i);
            shift += hunk.added().size() - hunk.removed().size();
            starts[i] = hunk.at();
            ends[i] = hunk.at() + hunk.removed().size();
            shifts[i] = shift;
        }
    }

    /** The number (from 1) that line {@code number} of the text before has after the change; {@link #REMOVED} if none. */
    int newLine(int number) {
        int index = number - 1;
        int hunk = lastHunkAtOrBefore(index);
        if (hunk < 0) {
            return number;
        }
        return index < ends[hunk] ? REMOVED : number + shifts[hunk];
    }

    /**
     * Whether the change removes or adds lines between lines {@code first} and {@code last} (both kept or not), or
     * removes one of them: then the lines from {@code first} to {@code last} do not all move alike.
     */
    boolean changesWithin(int first, int last) {
        int hunk = lastHunkAtOrBefore(last - 1);
        return hunk >= 0 && ends[hunk] >= first;
    }

    /** The last hunk whose first line is at or before index {@code index} (from 0), or -1. */
    private int lastHunkAtOrBefore(int index) {
        int low = 0;
        int high = starts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] <= index) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }
}
