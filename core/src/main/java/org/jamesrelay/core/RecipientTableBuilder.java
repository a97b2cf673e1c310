package org.jamesrelay.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Gathers the recipients of one relay domain for a {@link RecipientTable}, as packed bytes from the start: no
 * {@code String} is kept per recipient. {@link #add} tells a duplicate at once, through an open-addressing hash over
 * the packed bytes, so that the parser can report it on its line; {@link #build()} sorts. Not thread-safe; use once.
 */
public final class RecipientTableBuilder {
    private static final int EMPTY = -1;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final String domain;
    private byte[] bytes = new byte[64];
    /** Recipient {@code i} is {@code bytes[starts[i], starts[i + 1])}. */
    private int[] starts = new int[9];
    private int count;
    /** Indexes of recipients by the hash of their bytes, linear probing; at most half full. */
    private int[] slots = emptySlots(16);
    /** The line of each recipient, {@link RecipientLines#encoded}, when they are given ({@link #add(String, int)}). */
    private int[] lines;
    private RecipientLines builtLines;

    RecipientTableBuilder(String domain) {
        this.domain = domain;
    }

    /**
     * Adds a lookup key ({@link EnvelopeAddress#key()}) of this domain; false when it was already added.
     *
     * @throws IllegalArgumentException when the key is not in this domain
     */
    public boolean add(String key) {
        int localEnd = RecipientTable.localPartEnd(key, domain);
        if (localEnd < 0) {
            throw new IllegalArgumentException("recipient " + key + " is not in relay domain " + domain);
        }
        int start = starts[count];
        long needed = start + (long) localEnd * PackedStrings.MAX_BYTES_PER_CHAR;
        if (needed > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("relay domain " + domain + " has more recipients than one table holds (2 GB of local parts)");
        }
        bytes = ensureCapacity(bytes, (int) needed);
        int end = PackedStrings.encode(key, 0, localEnd, bytes, start);
        int mask = slots.length - 1;
        for (int slot = hash(start, end) & mask; slots[slot] != EMPTY; slot = (slot + 1) & mask) {
            int other = slots[slot];
            if (Arrays.equals(bytes, starts[other], starts[other + 1], bytes, start, end)) {
                return false;
            }
        }
        starts = ensureCapacity(starts, count + 2);
        starts[count + 1] = end;
        count++;
        if (count * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            insert(count - 1);
        }
        return true;
    }

    /**
     * As {@link #add(String)}, with the line of the key, {@link RecipientLines#encoded}: once one key is added with its
     * line, every key must be.
     */
    boolean add(String key, int encodedLine) {
        if (!add(key)) {
            return false;
        }
        lines = ensureCapacity(lines == null ? new int[8] : lines, count);
        lines[count - 1] = encodedLine;
        return true;
    }

    /** The table, sorted; this builder's memory can go once it is built. */
    public RecipientTable build() {
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        slots = null;
        new ByteRangeSort(bytes, starts).sort(order);
        int[] offsets = new int[count + 1];
        byte[] sorted = new byte[starts[count]];
        int position = 0;
        for (int i = 0; i < count; i++) {
            int recipient = order[i];
            int length = starts[recipient + 1] - starts[recipient];
            System.arraycopy(bytes, starts[recipient], sorted, position, length);
            position += length;
            offsets[i + 1] = position;
            if (lines != null) {
                order[i] = lines[recipient];
            }
        }
        if (lines != null) {
            lines = null;
            builtLines = RecipientLines.of(order);
        }
        return new RecipientTable(domain, sorted, offsets);
    }

    /** After {@link #build()}, the lines of the recipients in the order of the table, when they were given. */
    Optional<RecipientLines> lines() {
        return Optional.ofNullable(builtLines);
    }

    private void rehash(int capacity) {
        slots = emptySlots(capacity);
        for (int i = 0; i < count; i++) {
            insert(i);
        }
    }

    private void insert(int recipient) {
        int mask = slots.length - 1;
        int slot = hash(starts[recipient], starts[recipient + 1]) & mask;
        while (slots[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = recipient;
    }

    /** FNV-1a, spread so that the low bits used for the slot depend on every byte. */
    private int hash(int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static int[] emptySlots(int capacity) {
        int[] slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        return slots;
    }

    private static byte[] ensureCapacity(byte[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, grown(array.length)));
    }

    private static int[] ensureCapacity(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, grown(array.length)));
    }

    /** One and a half times, capped below the largest array. */
    private static int grown(int length) {
        return (int) Math.min(MAX_ARRAY_LENGTH, length + (long) (length >> 1));
    }
}
