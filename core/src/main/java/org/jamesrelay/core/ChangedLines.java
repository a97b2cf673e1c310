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
 * renumbered, removed and added; the recipients removed and added, by domain; each domain's first recipient line
 * moved with the lines before it. Checks that the change fits the snapshot's text, as far as the snapshot knows it.
 */
final class ChangedLines {
    private final List<PolicySnapshot.NumberedLine> otherEntries = new ArrayList<>();
    private final Map<String, Set<String>> removedKeys = new HashMap<>();
    private final Map<String, Set<String>> addedKeys = new HashMap<>();
    private final Map<String, Integer> firstRecipientLines = new HashMap<>();
    private int lineCount;

    private ChangedLines() {
    }

    /** Empty when the change does not fit the snapshot, or adds an entry of a relay recipient that does not read. */
    static Optional<ChangedLines> of(PolicySnapshot snapshot, TextDiff change) {
        ChangedLines lines = new ChangedLines();
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
                boolean knownEntry = next < before.size() && before.get(next).number() == hunk.at() + i + 1;
                if (knownEntry) {
                    if (!before.get(next).text().equals(line)) {
                        return false;
                    }
                    next++;
                } else if (PolicyFileParser.isRelayRecipient(line)) {
                    EnvelopeAddress recipient = recipient(snapshot.source(), hunk.at() + i + 1, line);
                    if (!removedKeys.computeIfAbsent(recipient.domain(), domain -> new HashSet<>()).add(recipient.key())) {
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
                    if (!addedKeys.computeIfAbsent(recipient.domain(), domain -> new HashSet<>()).add(recipient.key())) {
                        return false;
                    }
                    firstRecipientLines.merge(recipient.domain(), firstAdded + i, Math::min);
                } else if (!PolicyLine.stripComment(line).trim().isEmpty()) {
                    otherEntries.add(new PolicySnapshot.NumberedLine(firstAdded + i, line));
                }
            }
            shift += hunk.added().size() - hunk.removed().size();
        }
        for (; next < before.size(); next++) {
            otherEntries.add(new PolicySnapshot.NumberedLine(before.get(next).number() + shift, before.get(next).text()));
        }
        snapshot.firstRecipientLines().forEach((domain, line) -> firstRecipientLines.merge(domain, moved(change, line), Math::min));
        lineCount = snapshot.lineCount() + shift;
        return true;
    }

    private static EnvelopeAddress recipient(String source, int number, String text) throws PolicyFileException {
        PolicyLine line = new PolicyLine(source, number, PolicyLine.stripComment(text).trim());
        return PolicyEntryReaders.relayRecipient(line);
    }

    /**
     * Where line {@code number} of the text before stands after the change, or, when the change removed it, the first
     * line after the change's lines there: at or before the first line that followed it and stayed.
     */
    private static int moved(TextDiff change, int number) {
        int index = number - 1;
        int shift = 0;
        for (TextDiff.Hunk hunk : change.hunks()) {
            int end = hunk.at() + hunk.removed().size();
            if (end <= index) {
                shift += hunk.added().size() - hunk.removed().size();
            } else if (hunk.at() <= index) {
                return hunk.at() + shift + hunk.added().size() + 1;
            } else {
                break;
            }
        }
        return index + shift + 1;
    }

    /**
     * Applies the recipients removed and added to the tables of their domains, dropping those left empty; false when
     * a removed recipient is not in its table or an added one already is.
     */
    boolean applyTo(Map<String, RecipientTable> tables) {
        Set<String> domains = new HashSet<>(removedKeys.keySet());
        domains.addAll(addedKeys.keySet());
        for (String domain : domains) {
            RecipientTable before = tables.getOrDefault(domain, RecipientTable.of(domain, Set.of()));
            Optional<RecipientTable> after = before.edited(RecipientTable.of(domain, removedKeys.getOrDefault(domain, Set.of())),
                RecipientTable.of(domain, addedKeys.getOrDefault(domain, Set.of())));
            if (after.isEmpty()) {
                return false;
            }
            if (after.get().size() == 0) {
                tables.remove(domain);
            } else {
                tables.put(domain, after.get());
            }
        }
        return true;
    }

    List<PolicySnapshot.NumberedLine> otherEntries() {
        return otherEntries;
    }

    /** A copy, each line at or before the first recipient of its domain in the changed text. */
    Map<String, Integer> firstRecipientLines() {
        return new HashMap<>(firstRecipientLines);
    }

    int lineCount() {
        return lineCount;
    }
}
