package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hunks between two runs of lines, by Myers' O(ND) algorithm: few edits in many lines cost little. Past
 * {@code maxEdits} edits, or when the comparisons would grow too many, the two runs are one hunk.
 */
final class MiddleDiff {
    /** Lines compared at most, beyond which one hunk is cheaper than finding the smallest ones. */
    private static final long MAX_WORK = 50_000_000L;

    private MiddleDiff() {
    }

    /** @param offset the line, in the text before, where {@code before} starts */
    static List<TextDiff.Hunk> hunks(List<String> before, List<String> after, int offset, int maxEdits) {
        int n = before.size();
        int m = after.size();
        int max = Math.min(n + m, maxEdits);
        List<int[]> trace = new ArrayList<>();
        int[] v = new int[2 * max + 3];
        for (int d = 0; d <= max && (long) d * (n + m) <= MAX_WORK; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[max + 1 + k - 1] < v[max + 1 + k + 1]) ? v[max + 1 + k + 1] : v[max + 1 + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && before.get(x).equals(after.get(y))) {
                    x++;
                    y++;
                }
                v[max + 1 + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, before, after, offset, max, d);
                }
            }
        }
        return List.of(new TextDiff.Hunk(offset, before, after));
    }

    /** Walks back from the end through the saved frontiers, gathering the removed and added lines into hunks. */
    private static List<TextDiff.Hunk> backtrack(List<int[]> trace, List<String> before, List<String> after, int offset, int max, int edits) {
        boolean[] removed = new boolean[before.size()];
        boolean[] added = new boolean[after.size()];
        int x = before.size();
        int y = after.size();
        for (int d = edits; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            boolean down = k == -d || (k != d && v[max + 1 + k - 1] < v[max + 1 + k + 1]);
            int previousK = down ? k + 1 : k - 1;
            int previousX = v[max + 1 + previousK];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                x--;
                y--;
            }
            if (down) {
                added[previousY] = true;
            } else {
                removed[previousX] = true;
            }
            x = previousX;
            y = previousY;
        }
        return gather(removed, added, before, after, offset);
    }

    private static List<TextDiff.Hunk> gather(boolean[] removed, boolean[] added, List<String> before, List<String> after, int offset) {
        List<TextDiff.Hunk> hunks = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < removed.length || y < added.length) {
            if ((x < removed.length && removed[x]) || (y < added.length && added[y])) {
                int fromX = x;
                int fromY = y;
                while (x < removed.length && removed[x]) {
                    x++;
                }
                while (y < added.length && added[y]) {
                    y++;
                }
                hunks.add(new TextDiff.Hunk(offset + fromX, before.subList(fromX, x), after.subList(fromY, y)));
            } else {
                x++;
                y++;
            }
        }
        return Collections.unmodifiableList(hunks);
    }
}
