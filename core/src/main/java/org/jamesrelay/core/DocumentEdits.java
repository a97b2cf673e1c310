package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The edits of a {@link PolicyDocument} to the text it reads: the lines removed from it and the lines inserted before
 * its lines (or after the last one), by line of that text. As small as the edits, whatever the size of the text; gives
 * them as a {@link TextDiff}. Immutable.
 */
final class DocumentEdits {
    /** Where a line of the edited document stands: a line of the text, or the nth line inserted before one. */
    static final class Position {
        private static final int TEXT_LINE = -1;

        private final int line;
        private final int inserted;

        private Position(int line, int inserted) {
            this.line = line;
            this.inserted = inserted;
        }

        static Position textLine(int line) {
            return new Position(line, TEXT_LINE);
        }

        static Position inserted(int beforeLine, int nth) {
            return new Position(beforeLine, nth);
        }

        private boolean isTextLine() {
            return inserted == TEXT_LINE;
        }
    }

    /** A line of the edited document and where it stands. */
    @FunctionalInterface
    interface LineVisitor {
        void line(Position position, String line);
    }

    static final DocumentEdits NONE = new DocumentEdits(new TreeMap<>(), new TreeMap<>());

    private final NavigableMap<Integer, String> removed;
    private final NavigableMap<Integer, List<String>> inserted;

    private DocumentEdits(NavigableMap<Integer, String> removed, NavigableMap<Integer, List<String>> inserted) {
        this.removed = removed;
        this.inserted = inserted;
    }

    boolean removes(int line) {
        return removed.containsKey(line);
    }

    /** Visits the lines inserted before line {@code line} of the text ({@code line} past the last: at the end). */
    void visitInsertedBefore(int line, LineVisitor visitor) {
        List<String> lines = inserted.get(line);
        if (lines != null) {
            for (int nth = 0; nth < lines.size(); nth++) {
                visitor.line(Position.inserted(line, nth), lines.get(nth));
            }
        }
    }

    /** Visits the lines inserted before lines {@code from} to {@code to} of the text, both included, in order. */
    void visitInsertedBetween(int from, int to, LineVisitor visitor) {
        if (from <= to) {
            inserted.subMap(from, true, to, true).keySet().forEach(line -> visitInsertedBefore(line, visitor));
        }
    }

    /** Inserts {@code text} right after the line at {@code position}. */
    DocumentEdits insertAfter(Position position, String text) {
        TreeMap<Integer, List<String>> edited = copy(inserted);
        if (position.isTextLine()) {
            edited.computeIfAbsent(position.line + 1, any -> new ArrayList<>()).add(0, text);
        } else {
            edited.get(position.line).add(position.inserted + 1, text);
        }
        return new DocumentEdits(new TreeMap<>(removed), edited);
    }

    /** Inserts {@code text} after every line of a text of {@code lineCount} lines and every line inserted there. */
    DocumentEdits append(int lineCount, String text) {
        TreeMap<Integer, List<String>> edited = copy(inserted);
        edited.computeIfAbsent(lineCount, any -> new ArrayList<>()).add(text);
        return new DocumentEdits(new TreeMap<>(removed), edited);
    }

    /** Puts {@code text} in place of the line at {@code position}, which reads {@code line}. */
    DocumentEdits replace(Position position, String line, String text) {
        if (position.isTextLine()) {
            return remove(List.of(position), List.of(line)).insertAfter(position, text);
        }
        TreeMap<Integer, List<String>> edited = copy(inserted);
        edited.get(position.line).set(position.inserted, text);
        return new DocumentEdits(new TreeMap<>(removed), edited);
    }

    /** Removes the lines at {@code positions}, in document order, which read {@code lines}. */
    DocumentEdits remove(List<Position> positions, List<String> lines) {
        TreeMap<Integer, String> edited = new TreeMap<>(removed);
        TreeMap<Integer, List<String>> editedInserted = copy(inserted);
        for (int i = positions.size() - 1; i >= 0; i--) {
            Position position = positions.get(i);
            if (position.isTextLine()) {
                edited.put(position.line, lines.get(i));
            } else {
                editedInserted.get(position.line).remove(position.inserted);
            }
        }
        editedInserted.values().removeIf(List::isEmpty);
        return new DocumentEdits(edited, editedInserted);
    }

    /**
     * The change from the text to the edited document: each run of removed lines, with the lines inserted before them
     * and right after them, is one hunk.
     */
    TextDiff toDiff() {
        TreeMap<Integer, Boolean> changedLines = new TreeMap<>();
        removed.keySet().forEach(line -> changedLines.put(line, true));
        inserted.keySet().forEach(line -> changedLines.putIfAbsent(line, false));
        List<TextDiff.Hunk> hunks = new ArrayList<>();
        int at = -1;
        List<String> hunkRemoved = new ArrayList<>();
        List<String> hunkAdded = new ArrayList<>();
        for (Map.Entry<Integer, Boolean> changed : changedLines.entrySet()) {
            int line = changed.getKey();
            if (at < 0 || line != at + hunkRemoved.size()) {
                if (at >= 0) {
                    hunks.add(new TextDiff.Hunk(at, hunkRemoved, hunkAdded));
                }
                at = line;
                hunkRemoved = new ArrayList<>();
                hunkAdded = new ArrayList<>();
            }
            hunkAdded.addAll(inserted.getOrDefault(line, List.of()));
            if (changed.getValue()) {
                hunkRemoved.add(removed.get(line));
            }
        }
        if (at >= 0) {
            hunks.add(new TextDiff.Hunk(at, hunkRemoved, hunkAdded));
        }
        return new TextDiff(hunks);
    }

    private static TreeMap<Integer, List<String>> copy(NavigableMap<Integer, List<String>> inserted) {
        TreeMap<Integer, List<String>> copy = new TreeMap<>();
        inserted.forEach((line, lines) -> copy.put(line, new ArrayList<>(lines)));
        return copy;
    }
}
