package org.jamesrelay.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jamesrelay.core.LineMultisets;

/**
 * The lines one text has that another has not, counted as multisets ({@link LineMultisets}): what an audit entry
 * records of a change of a whole text (an import), rather than both texts.
 */
final class LineDiff {
    private final List<String> removed;
    private final List<String> added;

    private LineDiff(List<String> removed, List<String> added) {
        this.removed = removed;
        this.added = added;
    }

    static LineDiff between(String before, String after) {
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        LineMultisets.difference(lines(before), lines(after), removed::add, added::add);
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
