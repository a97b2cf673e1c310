package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.jamesrelay.core.DocumentEdits.Position;

/**
 * The policy as its text, line by line, for editing: entries can be listed, added and removed while comments and
 * the order of the other lines are kept, so that a policy edited through WebAdmin still reads well by hand.
 * <p>
 * A document reads its text from a {@link LineSource} at each pass (each method below makes one), of the version it was
 * made for, and holds only its edits: a policy of millions of lines is read through, never held. {@link #change()}
 * gives the edits as a {@link TextDiff} of that text. A document is immutable; every edit returns a new one.
 */
public final class PolicyDocument {
    private static final long IN_MEMORY = 1;

    private final LineSource source;
    private final long version;
    private final DocumentEdits edits;
    /** When present, the snapshot of the text's version, whose entries other than relay recipients the passes read. */
    private final Optional<PolicySnapshot> entriesInForce;

    /** The text of the source changed between two passes: the version read is not the document's. */
    public static final class TextChangedException extends RuntimeException {
        TextChangedException(long expected, long read) {
            super("the text changed while it was edited: version " + read + " read, " + expected + " expected", null, false, false);
        }
    }

    private PolicyDocument(LineSource source, long version, DocumentEdits edits, Optional<PolicySnapshot> entriesInForce) {
        this.source = source;
        this.version = version;
        this.edits = edits;
        this.entriesInForce = entriesInForce;
    }

    private PolicyDocument with(DocumentEdits edited) {
        return new PolicyDocument(source, version, edited, entriesInForce);
    }

    /** A document of a text in memory. */
    public static PolicyDocument of(String text) {
        return new PolicyDocument(LineSource.of(TextDiff.lines(text)), IN_MEMORY, DocumentEdits.NONE, Optional.empty());
    }

    /**
     * A document of the text that {@code source} reads at {@code version}; a pass that reads another version fails
     * with {@link TextChangedException}.
     */
    public static PolicyDocument of(LineSource source, long version) {
        return new PolicyDocument(source, version, DocumentEdits.NONE, Optional.empty());
    }

    /**
     * This document, whose passes over its entries read those that {@code inForce}, the snapshot of its text's version,
     * keeps as lines instead of the text: every entry but the relay recipients. For edits and listings of those
     * entries only, it reads none of the text; it lists no recipient and edits none. Rendering still reads the text.
     */
    public PolicyDocument withEntriesOf(PolicySnapshot inForce) {
        return new PolicyDocument(source, version, edits, Optional.of(inForce));
    }

    /** One entry of the document: its keyword, its value and the whole line without comment. */
    public static final class Entry {
        private final String keyword;
        private final String value;
        private final String text;

        private Entry(String text) {
            this.text = text;
            int keywordEnd = wordEnd(text, 0);
            this.keyword = text.substring(0, keywordEnd).toLowerCase(Locale.ROOT);
            int valueStart = keywordEnd;
            while (valueStart < text.length() && Character.isWhitespace(text.charAt(valueStart))) {
                valueStart++;
            }
            this.value = text.substring(valueStart, wordEnd(text, valueStart));
        }

        private static int wordEnd(String text, int start) {
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            return end;
        }

        public String keyword() {
            return keyword;
        }

        public String value() {
            return value;
        }

        public String text() {
            return text;
        }

        public boolean is(String keyword, String value) {
            return this.keyword.equals(keyword) && this.value.equalsIgnoreCase(value);
        }
    }

    /** An entry of the document and where it stands. */
    @FunctionalInterface
    private interface EntryVisitor {
        void entry(Position position, String line, Entry entry);
    }

    /** The version of the text this document edits. */
    public long version() {
        return version;
    }

    /** The entries of this keyword, in document order. */
    public List<Entry> entries(String keyword) {
        return entries(entry -> entry.keyword().equals(keyword));
    }

    /** The matching entries, in document order. */
    public List<Entry> entries(Predicate<Entry> matching) {
        List<Entry> entries = new ArrayList<>();
        visitEntries((position, line, entry) -> {
            if (matching.test(entry)) {
                entries.add(entry);
            }
        });
        return List.copyOf(entries);
    }

    public boolean anyMatch(Predicate<Entry> matching) {
        return !texts(matching).isEmpty();
    }

    /** The matching entries as written, without comments, in document order. */
    public List<String> texts(Predicate<Entry> matching) {
        List<String> texts = new ArrayList<>();
        visitEntries((position, line, entry) -> {
            if (matching.test(entry)) {
                texts.add(entry.text());
            }
        });
        return List.copyOf(texts);
    }

    /** Adds an entry after the last entry of the same keyword, or at the end. */
    public PolicyDocument add(String entryLine) {
        return addAfterLast(entry -> false, entryLine);
    }

    /**
     * Adds an entry right after the last entry that matches {@code anchor} (a recipient after its relay domain, which
     * must come first), or as {@link #add} does when none does.
     */
    public PolicyDocument addAfterLast(Predicate<Entry> anchor, String entryLine) {
        Entry added = new Entry(entryLine.trim());
        Places places = new Places();
        int lineCount = visitEntries((position, line, entry) -> {
            if (anchor.test(entry)) {
                places.lastAnchor = position;
            }
            if (entry.keyword().equals(added.keyword())) {
                places.lastOfKeyword = position;
            }
        });
        return insertAt(places.lastAnchor != null ? places.lastAnchor : places.lastOfKeyword, lineCount, added.text());
    }

    /**
     * Adds an entry right after line {@code number} (from 1) of the text this document reads: with no pass over the
     * text, for a caller that knows the line from a snapshot of the same version.
     */
    public PolicyDocument addAfterLine(int number, String entryLine) {
        if (number < 1) {
            throw new IllegalArgumentException("no line " + number);
        }
        return with(edits.insertAfter(Position.textLine(number - 1), entryLine.trim()));
    }

    /**
     * Removes line {@code number} (from 1) of the text this document reads, which must read {@code line}: with no pass
     * over the text, for a caller that knows the line from a snapshot of the same version. The change gives
     * {@code line} as the line removed, so that applying it where that line reads otherwise fails
     * ({@link TextDiff#applyTo}, {@link StreamedDiff}, {@link PolicySnapshot#apply}) instead of removing another line.
     */
    public PolicyDocument removeLine(int number, String line) {
        if (number < 1) {
            throw new IllegalArgumentException("no line " + number);
        }
        return with(edits.remove(List.of(Position.textLine(number - 1)), List.of(line)));
    }

    /**
     * Puts {@code entryLine} where the first matching entry stands, keeping the comment of its line, and removes the
     * other matching entries; adds it as {@link #add} does when nothing matches.
     */
    public PolicyDocument replace(Predicate<Entry> matching, String entryLine) {
        Entry replacement = new Entry(entryLine.trim());
        Places places = new Places();
        List<Position> others = new ArrayList<>();
        List<String> otherLines = new ArrayList<>();
        int lineCount = visitEntries((position, line, entry) -> {
            if (matching.test(entry)) {
                if (places.replaced == null) {
                    places.replaced = position;
                    places.replacedLine = line;
                    places.replacementLine = replacement.text() + line.substring(line.indexOf(entry.text()) + entry.text().length());
                } else {
                    others.add(position);
                    otherLines.add(line);
                }
            }
            if (entry.keyword().equals(replacement.keyword())) {
                places.lastOfKeyword = position;
            }
        });
        if (places.replaced == null) {
            return insertAt(places.lastOfKeyword, lineCount, replacement.text());
        }
        DocumentEdits edited = edits.remove(others, otherLines).replace(places.replaced, places.replacedLine, places.replacementLine);
        return with(edited);
    }

    /** Removes the entries that match, with the comment on their lines. */
    public PolicyDocument removeIf(Predicate<Entry> matching) {
        List<Position> positions = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        visitEntries((position, line, entry) -> {
            if (matching.test(entry)) {
                positions.add(position);
                lines.add(line);
            }
        });
        return positions.isEmpty() ? this : with(edits.remove(positions, lines));
    }

    /** The lines of the document, as {@link TextDiff#lines} splits a text: all of them, held; for small documents. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        visitLines((position, line) -> lines.add(line));
        return lines;
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        visitLines((position, line) -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * The change from the text this document was made of to this document: when it is that document edited, or empty
     * when it is another one (a text of its own).
     */
    public Optional<TextDiff> changeFrom(PolicyDocument before) {
        return editsTextOf(before) && before.edits == DocumentEdits.NONE ? Optional.of(edits.toDiff()) : Optional.empty();
    }

    /** Whether this document and {@code other} are edits (or none) of the same version of the same text. */
    public boolean editsTextOf(PolicyDocument other) {
        return source.equals(other.source) && version == other.version;
    }

    /** Reads the document as a policy: every error is reported as in a policy file named {@code source}. */
    public RelayPolicy toPolicy(String source) throws PolicyFileException {
        return PolicyFileParser.parse(source, render());
    }

    private static final class Places {
        private Position lastAnchor;
        private Position lastOfKeyword;
        private Position replaced;
        private String replacedLine;
        private String replacementLine;
    }

    private PolicyDocument insertAt(Position after, int lineCount, String text) {
        return with(after == null ? edits.append(lineCount, text) : edits.insertAfter(after, text));
    }

    /** One pass over the entries: those of the text, or of the snapshot in force; returns how many lines the text has. */
    private int visitEntries(EntryVisitor visitor) {
        DocumentEdits.LineVisitor entries = (position, line) -> entryText(line).ifPresent(text -> visitor.entry(position, line, new Entry(text)));
        if (entriesInForce.isEmpty()) {
            return visitLines(entries);
        }
        int next = 0;
        for (PolicySnapshot.NumberedLine line : entriesInForce.get().otherEntries()) {
            int index = line.number() - 1;
            edits.visitInsertedBetween(next, index, entries);
            next = index + 1;
            if (!edits.removes(index)) {
                entries.line(Position.textLine(index), line.text());
            }
        }
        int lineCount = entriesInForce.get().lineCount();
        edits.visitInsertedBetween(next, lineCount, entries);
        return lineCount;
    }

    /** One pass: visits every line of the edited document; returns how many lines the text has. */
    private int visitLines(DocumentEdits.LineVisitor visitor) {
        int[] lineCount = {0};
        long read = source.forEachLine(line -> {
            int number = lineCount[0]++;
            edits.visitInsertedBefore(number, visitor);
            if (!edits.removes(number)) {
                visitor.line(Position.textLine(number), line);
            }
        });
        if (read != version) {
            throw new TextChangedException(version, read);
        }
        edits.visitInsertedBefore(lineCount[0], visitor);
        return lineCount[0];
    }

    private static Optional<String> entryText(String line) {
        String text = PolicyLine.stripComment(line).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
