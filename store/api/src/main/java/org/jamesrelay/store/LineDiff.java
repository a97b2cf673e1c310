package org.jamesrelay.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines one text has that another has not, counted as multisets: what an audit entry records of a change of a
 * whole text (an import), rather than both texts. A line that only moved is in neither; lines repeated are removed
 * or added as many times as their counts differ.
 */
final class LineDiff {
    private final List<String> removed;
    private final List<String> added;

    private LineDiff(List<String> removed, List<String> added) {
        this.removed = removed;
        this.added = added;
    }

    static LineDiff between(String before, String after) {
        Map<String, Integer> unmatchedBefore = new HashMap<>();
        List<String> beforeLines = lines(before);
        beforeLines.forEach(line -> unmatchedBefore.merge(line, 1, Integer::sum));
        List<String> added = new ArrayList<>();
        for (String line : lines(after)) {
            if (unmatchedBefore.getOrDefault(line, 0) > 0) {
                unmatchedBefore.merge(line, -1, Integer::sum);
            } else {
                added.add(line);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String line : beforeLines) {
            if (unmatchedBefore.getOrDefault(line, 0) > 0) {
                unmatchedBefore.merge(line, -1, Integer::sum);
                removed.add(line);
            }
        }
        return new LineDiff(removed, added);
    }

    /** The lines of a text, without their line breaks; none for an empty text. */
    static List<String> lines(String text) {
        List<String> lines = Arrays.asList(text.split("\r?\n", -1));
        return lines.get(lines.size() - 1).isEmpty() ? lines.subList(0, lines.size() - 1) : lines;
    }

    List<String> removed() {
        return removed;
    }

    List<String> added() {
        return added;
    }
}
