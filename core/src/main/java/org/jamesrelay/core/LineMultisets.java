package org.jamesrelay.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lines one list has that another has not, counted as multisets: a line that only moved is in neither side, and a
 * repeated line is told as often as its counts differ. What an audit entry records of a change of a whole policy.
 */
public final class LineMultisets {
    private LineMultisets() {
    }

    /** Tells {@code added} the lines only {@code after} has, then {@code removed} those only {@code before} has, each in order. */
    public static void difference(List<String> before, List<String> after, Consumer<String> removed, Consumer<String> added) {
        Map<String, Integer> unmatched = new HashMap<>();
        before.forEach(line -> unmatched.merge(line, 1, Integer::sum));
        for (String line : after) {
            if (unmatched.getOrDefault(line, 0) > 0) {
                unmatched.merge(line, -1, Integer::sum);
            } else {
                added.accept(line);
            }
        }
        for (String line : before) {
            if (unmatched.getOrDefault(line, 0) > 0) {
                unmatched.merge(line, -1, Integer::sum);
                removed.accept(line);
            }
        }
    }
}
