package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;

import java.util.Iterator;
import java.util.Optional;

import org.jamesrelay.core.RecipientTable;

/** The keys of a sorted listing that come after a given one. */
final class SortedKeys {
    private SortedKeys() {
    }

    /**
     * The recipients of {@code table} after the recipient {@code after} (which need not be listed), in the table's
     * order: that of their local parts, code point by code point.
     */
    static Iterator<String> recipientsAfter(RecipientTable table, Optional<String> after) {
        if (after.isEmpty()) {
            return table.asSet().iterator();
        }
        try {
            return table.keysAfter(after.get());
        } catch (IllegalArgumentException e) {
            throw badRequest("invalid after '" + after.get() + "': a recipient of " + table.domain() + " was expected");
        }
    }
}
