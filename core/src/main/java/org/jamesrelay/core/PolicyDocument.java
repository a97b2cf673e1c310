package org.jamesrelay.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The policy as its text, line by line, for editing: entries can be listed, added and removed while comments and
 * the order of the other lines are kept, so that a policy edited through WebAdmin still reads well by hand. A
 * document is immutable; every edit returns a new one. {@link #toPolicy(String)} validates it.
 */
public final class PolicyDocument {
    private final List<String> lines;

    public static PolicyDocument of(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new PolicyDocument(lines);
    }

    /**
     * Whether {@code text} holds at least one entry, read only up to the first one: unlike {@code of(text).entries()},
     * it costs nothing on a policy of millions of lines.
     */
    public static boolean hasEntry(String text) {
        PolicyLineReader lines = new PolicyLineReader(new StringReader(text));
        try {
            for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
                if (entryText(line).isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to be read", e);
        }
    }

    private PolicyDocument(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** One entry of the document: its keyword, its value and the whole line without comment. */
    public static final class Entry {
        private final String keyword;
        private final String value;
        private final String text;

        private Entry(String text) {
            this.text = text;
            String[] words = text.split("\\s+");
            this.keyword = words[0].toLowerCase(Locale.ROOT);
            this.value = words.length > 1 ? words[1] : "";
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

    public List<Entry> entries() {
        return lines.stream()
            .map(PolicyDocument::entryText)
            .flatMap(Optional::stream)
            .map(Entry::new)
            .collect(Collectors.toUnmodifiableList());
    }

    public List<Entry> entries(String keyword) {
        return entries().stream().filter(entry -> entry.keyword().equals(keyword)).collect(Collectors.toUnmodifiableList());
    }

    private static Optional<String> entryText(String line) {
        String text = PolicyLine.stripComment(line).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Adds an entry after the last entry of the same keyword, or at the end. */
    public PolicyDocument add(String entryLine) {
        Entry entry = new Entry(entryLine.trim());
        List<String> edited = new ArrayList<>(lines);
        int position = lastIndex(line -> entryText(line).map(text -> new Entry(text).keyword().equals(entry.keyword())).orElse(false));
        edited.add(position < 0 ? edited.size() : position + 1, entry.text());
        return new PolicyDocument(edited);
    }

    /**
     * Puts {@code entryLine} where the first matching entry stands, keeping the comment of its line, and removes the
     * other matching entries; adds it as {@link #add} does when nothing matches.
     */
    public PolicyDocument replace(Predicate<Entry> matching, String entryLine) {
        String replacement = entryLine.trim();
        List<String> edited = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines) {
            Optional<String> text = entryText(line);
            if (text.isPresent() && matching.test(new Entry(text.get()))) {
                if (!replaced) {
                    edited.add(replacement + line.substring(line.indexOf(text.get()) + text.get().length()));
                    replaced = true;
                }
            } else {
                edited.add(line);
            }
        }
        return replaced ? new PolicyDocument(edited) : add(replacement);
    }

    /**
     * Adds an entry right after the last entry that matches {@code anchor} (a recipient after its relay domain, which
     * must come first), or as {@link #add} does when none does.
     */
    public PolicyDocument addAfterLast(Predicate<Entry> anchor, String entryLine) {
        int position = lastIndex(line -> entryText(line).map(text -> anchor.test(new Entry(text))).orElse(false));
        if (position < 0) {
            return add(entryLine);
        }
        List<String> edited = new ArrayList<>(lines);
        edited.add(position + 1, entryLine.trim());
        return new PolicyDocument(edited);
    }

    /** The matching entries as written, without comments, in document order. */
    public List<String> texts(Predicate<Entry> matching) {
        return entries().stream().filter(matching).map(Entry::text).collect(Collectors.toUnmodifiableList());
    }

    /** Removes the entries that match, with the comment on their lines. */
    public PolicyDocument removeIf(Predicate<Entry> matching) {
        return new PolicyDocument(lines.stream()
            .filter(line -> entryText(line).map(text -> !matching.test(new Entry(text))).orElse(true))
            .collect(Collectors.toList()));
    }

    private int lastIndex(Predicate<String> matching) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (matching.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The lines of the document, as {@link TextDiff#lines} splits a text. */
    public List<String> lines() {
        return lines;
    }

    public String render() {
        return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    /** Reads the document as a policy: every error is reported as in a policy file named {@code source}. */
    public RelayPolicy toPolicy(String source) throws PolicyFileException {
        return PolicyFileParser.parse(source, render());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyDocument && lines.equals(((PolicyDocument) o).lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }
}
