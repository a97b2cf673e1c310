package org.jamesrelay.core;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The known recipients of one relay domain ({@code relay_recipient_maps}), packed for millions of them: the local parts
 * of their lookup keys ({@link EnvelopeAddress#key()}, all ending in {@code @domain}) sorted, as UTF-8 in one byte array,
 * with the offset of each; a lookup is a binary search that compares the key with the bytes in place, so it allocates
 * nothing. About the length of a local part plus 4 bytes per recipient, where a {@code Set<String>} takes about 80.
 * Immutable; {@link RecipientTableBuilder} sorts the keys.
 */
public final class RecipientTable {
    private final String domain;
    private final byte[] localParts;
    /** Recipient {@code i} is {@code localParts[offsets[i], offsets[i + 1])}. */
    private final int[] offsets;
    private int hash;

    RecipientTable(String domain, byte[] localParts, int[] offsets) {
        this.domain = domain;
        this.localParts = localParts;
        this.offsets = offsets;
    }

    public static RecipientTableBuilder builder(String domain) {
        return new RecipientTableBuilder(domain);
    }

    /** A table of {@code keys}, each of which must end in {@code @domain}. */
    public static RecipientTable of(String domain, Set<String> keys) {
        RecipientTableBuilder builder = builder(domain);
        keys.forEach(builder::add);
        return builder.build();
    }

    public String domain() {
        return domain;
    }

    public int size() {
        return offsets.length - 1;
    }

    /** Whether this lookup key ({@link EnvelopeAddress#key()}) is one of the recipients. */
    public boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    /** Where this lookup key stands in the order of the table, or -1 when it is not one of the recipients. */
    int indexOf(String key) {
        int localEnd = localPartEnd(key, domain);
        if (localEnd < 0) {
            return -1;
        }
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = PackedStrings.compare(key, 0, localEnd, localParts, offsets[middle], offsets[middle + 1]);
            if (order == 0) {
                return middle;
            }
            if (order < 0) {
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        return -1;
    }

    /** Told, key by key in the order of an edited table, where each key comes from. */
    interface MergeOrder {
        /** The next key is key {@code index} of the table edited. */
        void kept(int index);

        /** The next key is key {@code index} of the table of added keys. */
        void added(int index);
    }

    /**
     * This table without the {@code removed} tables' keys and with the {@code added} ones, by one merge of the sorted
     * tables: what a change of a few recipients costs, whatever the size of the table. Empty when a removed key is not
     * here or an added one already is (after the removals).
     */
    Optional<RecipientTable> edited(RecipientTable removed, RecipientTable added, MergeOrder order) {
        byte[] bytes = new byte[localParts.length + added.localParts.length];
        int[] merged = new int[size() + added.size() + 1];
        int count = 0;
        int i = 0;
        int j = 0;
        int r = 0;
        while (i < size() || j < added.size()) {
            int comparison = i == size() ? 1 : j == added.size() ? -1 : compare(this, i, added, j);
            if (r < removed.size() && (i == size() || compare(removed, r, this, i) < 0)) {
                return Optional.empty();
            }
            if (r < removed.size() && compare(removed, r, this, i) == 0) {
                i++;
                r++;
            } else if (comparison == 0) {
                return Optional.empty();
            } else {
                RecipientTable from = comparison < 0 ? this : added;
                int index;
                if (comparison < 0) {
                    index = i++;
                    order.kept(index);
                } else {
                    index = j++;
                    order.added(index);
                }
                int length = from.offsets[index + 1] - from.offsets[index];
                System.arraycopy(from.localParts, from.offsets[index], bytes, merged[count], length);
                merged[count + 1] = merged[count] + length;
                count++;
            }
        }
        if (r < removed.size()) {
            return Optional.empty();
        }
        return Optional.of(new RecipientTable(domain, Arrays.copyOf(bytes, merged[count]), Arrays.copyOf(merged, count + 1)));
    }

    private static int compare(RecipientTable a, int i, RecipientTable b, int j) {
        return Arrays.compareUnsigned(a.localParts, a.offsets[i], a.offsets[i + 1], b.localParts, b.offsets[j], b.offsets[j + 1]);
    }

    /** Where the local part of {@code key} ends (at its last {@code @}) when the key is in {@code domain}; -1 otherwise. */
    static int localPartEnd(String key, String domain) {
        int at = key.length() - domain.length() - 1;
        return at > 0 && key.charAt(at) == '@' && key.startsWith(domain, at + 1) ? at : -1;
    }

    /** The lookup keys, in the order of their code points; a view, each key decoded when it is reached. */
    public Set<String> asSet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return keysFrom(0);
            }

            @Override
            public int size() {
                return RecipientTable.this.size();
            }

            @Override
            public boolean contains(Object key) {
                return key instanceof String && RecipientTable.this.contains((String) key);
            }
        };
    }

    /**
     * The lookup keys that come after {@code key} in the order of {@link #asSet()}, found by a binary search: a page
     * deep in a table of millions costs what the first does.
     *
     * @throws IllegalArgumentException when {@code key} is not a lookup key of this domain
     */
    public Iterator<String> keysAfter(String key) {
        int localEnd = localPartEnd(key, domain);
        if (localEnd < 0) {
            throw new IllegalArgumentException("'" + key + "' is not an address of " + domain);
        }
        int low = 0;
        int high = size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (PackedStrings.compare(key, 0, localEnd, localParts, offsets[middle], offsets[middle + 1]) >= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return keysFrom(low);
    }

    private Iterator<String> keysFrom(int first) {
        return new Iterator<>() {
            private int next = first;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return key(next++);
            }
        };
    }

    private String key(int index) {
        return PackedStrings.decode(localParts, offsets[index], offsets[index + 1]) + "@" + domain;
    }

    /**
     * Tells, in order, the keys this table has and {@code other} has not, and those {@code other} has and this one has
     * not: one merge of the two tables, comparing their bytes in place, so that only the keys that differ are decoded.
     */
    void compareWith(RecipientTable other, Consumer<String> onlyHere, Consumer<String> onlyThere) {
        int i = 0;
        int j = 0;
        while (i < size() || j < other.size()) {
            int comparison = i == size() ? 1 : j == other.size() ? -1 : compare(this, i, other, j);
            if (comparison == 0) {
                i++;
                j++;
            } else if (comparison < 0) {
                onlyHere.accept(key(i++));
            } else {
                onlyThere.accept(other.key(j++));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RecipientTable) {
            RecipientTable that = (RecipientTable) o;
            return domain.equals(that.domain)
                && Arrays.equals(offsets, that.offsets)
                && Arrays.equals(localParts, that.localParts);
        }
        return false;
    }

    /** Computed once, when first asked: it reads every byte. */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(domain, Arrays.hashCode(offsets), Arrays.hashCode(localParts));
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return domain + ": " + size() + " recipients";
    }
}
