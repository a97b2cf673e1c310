package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.function.Predicate;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.store.PolicyChange;

/**
 * What one edit of the policy entries does to a document: the entry lines before and after, which the audit trail
 * records, and the edited document.
 */
final class EntryEdit {
    @FunctionalInterface
    interface Planner {
        /** May throw a {@link spark.HaltException} (nothing to remove, invalid request). */
        EntryEdit plan(PolicyDocument document);
    }

    private final String action;
    private final List<String> before;
    private final List<String> after;
    private final PolicyDocument document;

    private EntryEdit(String action, List<String> before, List<String> after, PolicyDocument document) {
        this.action = action;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.document = document;
    }

    /** The entries of {@code document} that match become {@code after}, which gives {@code edited}. */
    static EntryEdit of(String action, PolicyDocument document, Predicate<PolicyDocument.Entry> matching, List<String> after,
                        PolicyDocument edited) {
        return new EntryEdit(action, document.texts(matching), after, edited);
    }

    /** The entries that match are already what the request asks for. */
    static EntryEdit unchanged(String action, PolicyDocument document, Predicate<PolicyDocument.Entry> matching) {
        return unchanged(action, document.texts(matching), document);
    }

    /** These entries, already found, are what the request asks for. */
    static EntryEdit unchanged(String action, List<String> entries, PolicyDocument document) {
        return new EntryEdit(action, entries, entries, document);
    }

    /** A new entry, that no entry of the document matched, which gives {@code edited}. */
    static EntryEdit added(String action, String entryLine, PolicyDocument edited) {
        return new EntryEdit(action, List.of(), List.of(entryLine), edited);
    }

    /** An entry, known to be listed as {@code entryLine}, removed, which gives {@code edited}. */
    static EntryEdit removed(String action, String entryLine, PolicyDocument edited) {
        return new EntryEdit(action, List.of(entryLine), List.of(), edited);
    }

    static void requireSome(PolicyDocument document, Predicate<PolicyDocument.Entry> matching, String notFoundMessage) {
        if (!document.anyMatch(matching)) {
            throw notFound(notFoundMessage);
        }
    }

    boolean changes() {
        return !before.equals(after);
    }

    PolicyDocument document() {
        return document;
    }

    PolicyChange change(String actor) {
        return new PolicyChange(actor, action, String.join("\n", before), String.join("\n", after));
    }
}
