package org.jamesrelay.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The entries one policy has that another has not, as lines of policy text: what an audit entry records of an import
 * too large to compare as text. The entries other than relay recipients are compared as written, as multisets (a line
 * that only moved is in neither side; a repeated line counts as often as its counts differ); relay recipients are
 * compared by their lookup keys, table against table in place, so that two policies of millions of recipients cost
 * one pass over their tables and only the recipients that differ are decoded. A recipient is told as
 * {@link PolicyFileWriter#relayRecipient} writes it.
 */
public final class PolicyDifference {
    /** Told each line of the difference: first the other entries, then the recipients domain by domain, in order. */
    public interface Lines {
        void removed(String line);

        void added(String line);
    }

    private PolicyDifference() {
    }

    public static void between(PolicySnapshot before, PolicySnapshot after, Lines lines) {
        otherEntries(before, after, lines);
        recipients(before.policy(), after.policy(), lines);
    }

    private static void otherEntries(PolicySnapshot before, PolicySnapshot after, Lines lines) {
        Map<String, Integer> unmatched = new HashMap<>();
        before.otherEntries().forEach(entry -> unmatched.merge(entry.text(), 1, Integer::sum));
        for (PolicySnapshot.NumberedLine entry : after.otherEntries()) {
            if (unmatched.getOrDefault(entry.text(), 0) > 0) {
                unmatched.merge(entry.text(), -1, Integer::sum);
            } else {
                lines.added(entry.text());
            }
        }
        for (PolicySnapshot.NumberedLine entry : before.otherEntries()) {
            if (unmatched.getOrDefault(entry.text(), 0) > 0) {
                unmatched.merge(entry.text(), -1, Integer::sum);
                lines.removed(entry.text());
            }
        }
    }

    private static void recipients(RelayPolicy before, RelayPolicy after, Lines lines) {
        SortedSet<String> domains = new TreeSet<>(before.relayDomains().keySet());
        domains.addAll(after.relayDomains().keySet());
        for (String domain : domains) {
            Optional<RecipientTable> old = table(before, domain);
            Optional<RecipientTable> current = table(after, domain);
            if (old.isPresent() && current.isPresent()) {
                old.get().compareWith(current.get(), key -> lines.removed(PolicyFileWriter.relayRecipient(key)),
                    key -> lines.added(PolicyFileWriter.relayRecipient(key)));
            } else {
                old.ifPresent(table -> table.asSet().forEach(key -> lines.removed(PolicyFileWriter.relayRecipient(key))));
                current.ifPresent(table -> table.asSet().forEach(key -> lines.added(PolicyFileWriter.relayRecipient(key))));
            }
        }
    }

    private static Optional<RecipientTable> table(RelayPolicy policy, String domain) {
        return policy.relayDomain(domain).flatMap(RelayDomain::recipientTable);
    }
}
