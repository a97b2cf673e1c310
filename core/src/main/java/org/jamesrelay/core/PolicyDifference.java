package org.jamesrelay.core;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The entries one policy has that another has not, as lines of policy text: what an audit entry records of an import
 * too large to compare as text. The entries other than relay recipients are compared as written, as multisets (a line
 * that only moved is in neither side; a repeated line counts as often as its counts differ); relay recipients are
 * compared by their lookup keys, table against table in place, so that two policies of millions of recipients cost
 * one pass over their tables and only the recipients that differ are decoded. A recipient is told as
 * {@link PolicyFileWriter#relayRecipient} writes it.
 */
public final class PolicyDifference {
    private PolicyDifference() {
    }

    /**
     * Tells each line of the difference to {@code removed} or {@code added}: first the other entries, then the
     * recipients domain by domain, in order.
     */
    public static void between(PolicySnapshot before, PolicySnapshot after, Consumer<String> removed, Consumer<String> added) {
        otherEntries(before, after, removed, added);
        recipients(before.policy(), after.policy(), removed, added);
    }

    private static void otherEntries(PolicySnapshot before, PolicySnapshot after, Consumer<String> removed, Consumer<String> added) {
        LineMultisets.difference(texts(before.otherEntries()), texts(after.otherEntries()), removed, added);
    }

    private static List<String> texts(List<PolicySnapshot.NumberedLine> entries) {
        return entries.stream().map(PolicySnapshot.NumberedLine::text).collect(Collectors.toList());
    }

    private static void recipients(RelayPolicy before, RelayPolicy after, Consumer<String> removed, Consumer<String> added) {
        SortedSet<String> domains = new TreeSet<>(before.relayDomains().keySet());
        domains.addAll(after.relayDomains().keySet());
        for (String domain : domains) {
            Optional<RecipientTable> old = table(before, domain);
            Optional<RecipientTable> current = table(after, domain);
            if (old.isPresent() && current.isPresent()) {
                old.get().compareWith(current.get(), key -> removed.accept(PolicyFileWriter.relayRecipient(key)),
                    key -> added.accept(PolicyFileWriter.relayRecipient(key)));
            } else {
                old.ifPresent(table -> table.asSet().forEach(key -> removed.accept(PolicyFileWriter.relayRecipient(key))));
                current.ifPresent(table -> table.asSet().forEach(key -> added.accept(PolicyFileWriter.relayRecipient(key))));
            }
        }
    }

    private static Optional<RecipientTable> table(RelayPolicy policy, String domain) {
        return policy.relayDomain(domain).flatMap(RelayDomain::recipientTable);
    }
}
