package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequest;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.jamesrelay.core.RecipientTable;

/** The keys of a sorted listing that come after a given one. */
final class SortedKeys {
    private SortedKeys() {
    }

    /**
     * The recipients of {@code table} after the recipient {@code after} (which need not be listed), in the table's
     * order: that of their local parts, code point by code point. A table has no seek: the keys before are decoded and
     * skipped, about 0.1 s a million.
     */
    static Iterator<String> recipientsAfter(RecipientTable table, Optional<String> after) {
        Iterator<String> keys = table.asSet().iterator();
        if (after.isEmpty()) {
            return keys;
        }
        String suffix = "@" + table.domain();
        if (!after.get().endsWith(suffix)) {
            throw badRequest("invalid after '" + after.get() + "': a recipient of " + table.domain() + " was expected");
        }
        String afterLocalPart = localPart(after.get(), suffix);
        return new Iterator<>() {
            private String next = advance();

            private String advance() {
                while (keys.hasNext()) {
                    String key = keys.next();
                    if (compareCodePoints(localPart(key, suffix), afterLocalPart) > 0) {
                        return key;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String current = next;
                next = keys.hasNext() ? keys.next() : null;
                return current;
            }
        };
    }

    private static String localPart(String key, String suffix) {
        return key.substring(0, key.length() - suffix.length());
    }

    /** The order of {@link RecipientTable}: by code point, where {@link String#compareTo} compares UTF-16 units. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
