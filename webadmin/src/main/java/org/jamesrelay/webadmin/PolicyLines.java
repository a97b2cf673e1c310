package org.jamesrelay.webadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jamesrelay.core.PolicyDocument;

/**
 * Edits of a {@link PolicyDocument} that it does not offer itself: replacing an entry where it stands (keeping the
 * comment on its line), and adding an entry right after a given one (a recipient after its relay domain, which the
 * parser needs first). Lines are read with {@link PolicyDocument}'s own rules, so comments count alike.
 */
final class PolicyLines {
    private PolicyLines() {
    }

    /** The entry on one line of the document, if the line holds one. */
    static Optional<PolicyDocument.Entry> entryOf(String line) {
        List<PolicyDocument.Entry> entries = PolicyDocument.of(line).entries();
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /**
     * Replaces the first entry that matches by {@code newLine}, keeping what followed the entry on its line (a
     * comment), and removes the other matching entries; adds {@code newLine} as {@link PolicyDocument#add} does when
     * nothing matches.
     */
    static PolicyDocument replace(PolicyDocument document, Predicate<PolicyDocument.Entry> matching, String newLine) {
        List<String> edited = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines(document)) {
            Optional<PolicyDocument.Entry> entry = entryOf(line);
            if (entry.isPresent() && matching.test(entry.get())) {
                if (!replaced) {
                    edited.add(newLine + rest(line, entry.get()));
                    replaced = true;
                }
            } else {
                edited.add(line);
            }
        }
        return replaced ? of(edited) : document.add(newLine);
    }

    /** Inserts {@code newLine} after the last entry that matches {@code anchor}, or adds it as {@link PolicyDocument#add} does. */
    static PolicyDocument insertAfterLast(PolicyDocument document, Predicate<PolicyDocument.Entry> anchor, String newLine) {
        List<String> lines = lines(document);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<PolicyDocument.Entry> entry = entryOf(lines.get(i));
            if (entry.isPresent() && anchor.test(entry.get())) {
                List<String> edited = new ArrayList<>(lines);
                edited.add(i + 1, newLine);
                return of(edited);
            }
        }
        return document.add(newLine);
    }

    /** The entries that match, in document order, as written (without comment). */
    static List<String> texts(PolicyDocument document, Predicate<PolicyDocument.Entry> matching) {
        return document.entries().stream().filter(matching).map(PolicyDocument.Entry::text).collect(Collectors.toList());
    }

    private static String rest(String line, PolicyDocument.Entry entry) {
        int start = line.indexOf(entry.text());
        return start < 0 ? "" : line.substring(start + entry.text().length());
    }

    private static List<String> lines(PolicyDocument document) {
        String text = document.render();
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static PolicyDocument of(List<String> lines) {
        return PolicyDocument.of(lines.stream().map(line -> line + "\n").collect(Collectors.joining()));
    }
}
