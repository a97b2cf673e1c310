package org.jamesrelay.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link TextDiff} does to the lines of a {@link PolicySnapshot}: the entries other than relay recipients
 * renumbered, removed and added; the recipients removed and added, by domain, and the lines of the others moved.
 * Checks that the change fits the snapshot's text, as far as the snapshot knows it: a removed entry must be the one on
 * that line, a removed recipient the one listed there, written as the removed line says.
 */
final class ChangedLines {
    private final List<PolicySnapshot.NumberedLine> otherEntries = new ArrayList<>();
    private final Map<String, Set<String>> removedKeys = new HashMap<>();
    /** By domain, the line of each recipient added, {@link RecipientLines#encoded}. */
    private final Map<String, Map<String, Integer>> addedLines = new HashMap<>();
    private final LineShift shift;
    private int lineCount;

    private ChangedLines(TextDiff change) {
        this.shift = new LineShift(change);
    }

    /** Empty when the change does not fit the snapshot, or adds an entry of a relay recipient that does not read. */
    static Optional<ChangedLines> of(PolicySnapshot snapshot, TextDiff change) {
        ChangedLines lines = new ChangedLines(change);
        try {
            return lines.read(snapshot, change) ? Optional.of(lines) : Optional.empty();
        } catch (PolicyFileException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean read(PolicySnapshot snapshot, TextDiff change) throws PolicyFileException {
        List<PolicySnapshot.NumberedLine> before = snapshot.otherEntries();
        int next = 0;
        int shift = 0;
        for (TextDiff.Hunk hunk : change.hunks()) {
            int end = hunk.at() + hunk.removed().size();
            if (end > snapshot.lineCount()) {
                return false;
            }
            for (; next < before.size() && before.get(next).number() <= hunk.at(); next++) {
                otherEntries.add(new PolicySnapshot.NumberedLine(before.get(next).number() + shift, before.get(next).text()));
            }
            for (int i = 0; i < hunk.removed().size(); i++) {
                String line = hunk.removed().get(i);
                int number = hunk.at() + i + 1;
                boolean knownEntry = next < before.size() && before.get(next).number() == number;
                if (knownEntry) {
                    if (!before.get(next).text().equals(line)) {
                        return false;
                    }
                    next++;
                } else if (PolicyFileParser.isRelayRecipient(line)) {
                    EnvelopeAddress recipient = recipient(snapshot.source(), number, line);
                    if (!snapshot.listsAt(recipient, number, line)
                        || !removedKeys.computeIfAbsent(recipient.domain(), domain -> new HashSet<>()).add(recipient.key())) {
                        return false;
                    }
                } else if (!PolicyLine.stripComment(line).trim().isEmpty()) {
                    return false;
                }
            }
            int firstAdded = hunk.at() + shift + 1;
            for (int i = 0; i < hunk.added().size(); i++) {
                String line = hunk.added().get(i);
                if (PolicyFileParser.isRelayRecipient(line)) {
                    EnvelopeAddress recipient = recipient(snapshot.source(), firstAdded + i, line);
                    int encoded = RecipientLines.encoded(firstAdded + i, PolicyFileParser.isWrittenAsKey(line, recipient));
                    if (addedLines.computeIfAbsent(recipient.domain(), domain -> new HashMap<>()).putIfAbsent(recipient.key(), encoded) != null) {
                        return false;
                    }
                } else if (!PolicyLine.stripComment(line).trim().isEmpty()) {
                    otherEntries.add(new PolicySnapshot.NumberedLine(firstAdded + i, line));
                }
            }
            shift += hunk.added().size() - hunk.removed().size();
        }
        for (; next < before.size(); next++) {
            otherEntries.add(new PolicySnapshot.NumberedLine(before.get(next).number() + shift, before.get(next).text()));
        }
        lineCount = snapshot.lineCount() + shift;
        return true;
    }

    private static EnvelopeAddress recipient(String source, int number, String text) throws PolicyFileException {
        PolicyLine line = new PolicyLine(source, number, PolicyLine.stripComment(text).trim());
        return PolicyEntryReaders.relayRecipient(line);
    }

    /**
     * Applies the recipients removed and added to the tables of their domains and to their lines, dropping the tables
     * left empty, and moves the lines of the other tables; false when a removed recipient is not in its table, an added
     * one already is, or the change removes the line of a recipient it keeps.
     */
    boolean applyTo(Map<String, RecipientTable> tables, Map<String, RecipientLines> lines) {
        for (String domain : List.copyOf(tables.keySet())) {
            if (!removedKeys.containsKey(domain) && !addedLines.containsKey(domain)) {
                Optional<RecipientLines> moved = lines.get(domain).moved(shift);
                if (moved.isEmpty()) {
                    return false;
                }
                lines.put(domain, moved.get());
            }
        }
        Set<String> domains = new HashSet<>(removedKeys.keySet());
        domains.addAll(addedLines.keySet());
        for (String domain : domains) {
            if (!edit(domain, tables, lines)) {
                return false;
            }
        }
        return true;
    }

    private boolean edit(String domain, Map<String, RecipientTable> tables, Map<String, RecipientLines> lines) {
        RecipientTable before = tables.getOrDefault(domain, RecipientTable.of(domain, Set.of()));
        Set<String> removed = removedKeys.getOrDefault(domain, Set.of());
        Map<String, Integer> addedByKey = addedLines.getOrDefault(domain, Map.of());
        RecipientTable added = RecipientTable.of(domain, addedByKey.keySet());
        int[] addedInOrder = added.asSet().stream().mapToInt(addedByKey::get).toArray();
        RecipientLines.Merge merge = new RecipientLines.Merge(lines.getOrDefault(domain, RecipientLines.NONE), shift, addedInOrder,
            before.size() - removed.size() + added.size());
        Optional<RecipientTable> after = before.edited(RecipientTable.of(domain, removed), added, merge);
        Optional<RecipientLines> afterLines = merge.lines();
        if (after.isEmpty() || afterLines.isEmpty()) {
            return false;
        }
        if (after.get().size() == 0) {
            tables.remove(domain);
            lines.remove(domain);
        } else {
            tables.put(domain, after.get());
            lines.put(domain, afterLines.get());
        }
        return true;
    }

    List<PolicySnapshot.NumberedLine> otherEntries() {
        return otherEntries;
    }

    int lineCount() {
        return lineCount;
    }
}
