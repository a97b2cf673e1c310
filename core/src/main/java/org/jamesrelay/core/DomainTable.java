package org.jamesrelay.core;

import java.util.Map;

/**
 * Immutable lookup of domains in lower case, by the end of a string: the domain of an address is found in its
 * {@link EnvelopeAddress#key()} without being copied out, so that a decision allocates nothing for its lookups.
 * Open addressing over one array of keys, hashed as {@link String#hashCode()} hashes the domain alone.
 */
final class DomainTable<T> {
    private final String[] keys;
    private final Object[] values;
    private final int slotMask;

    static <T> DomainTable<T> of(Map<String, T> entries) {
        return new DomainTable<>(entries);
    }

    private DomainTable(Map<String, T> entries) {
        int slots = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        this.keys = new String[slots];
        this.values = new Object[slots];
        this.slotMask = slots - 1;
        entries.forEach((domain, value) -> {
            int slot = slot(domain.hashCode());
            while (keys[slot] != null) {
                slot = (slot + 1) & slotMask;
            }
            keys[slot] = domain;
            values[slot] = value;
        });
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & slotMask;
    }

    /** The entry of the domain that {@code text} holds from {@code from} to its end, or null. */
    @SuppressWarnings("unchecked")
    T get(String text, int from) {
        int length = text.length() - from;
        int hash = 0;
        for (int i = from; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        for (int slot = slot(hash); ; slot = (slot + 1) & slotMask) {
            String key = keys[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == length && text.regionMatches(from, key, 0, length)) {
                return (T) values[slot];
            }
        }
    }
}
