package org.jamesrelay.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Immutable longest-prefix lookup over networks: one hash table per prefix length in use, probed from the
 * longest prefix down, so a lookup costs at most one probe per distinct prefix length whatever the table size.
 * <p>
 * An address is held as two longs (IPv4 in the high 32 bits of the first), masked with precomputed masks, and each
 * level is an open-addressing table of such keys: a lookup of a {@link ClientContext}'s address allocates nothing.
 */
public final class NetworkTable<T> {
    private final PrefixLevel<T>[] ipv4Levels;
    private final PrefixLevel<T>[] ipv6Levels;

    private static final class PrefixLevel<T> {
        private final long maskHigh;
        private final long maskLow;
        /** high, low of slot i at 2i, 2i+1 */
        private final long[] keys;
        private final Object[] values;
        private final int slotMask;

        private PrefixLevel(int prefixLength, List<long[]> networkKeys, List<T> entries) {
            this.maskHigh = mask(prefixLength);
            this.maskLow = mask(prefixLength - 64);
            int slots = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
            this.keys = new long[slots * 2];
            this.values = new Object[slots];
            this.slotMask = slots - 1;
            for (int i = 0; i < entries.size(); i++) {
                long high = networkKeys.get(i)[0];
                long low = networkKeys.get(i)[1];
                int slot = slot(high, low);
                while (values[slot] != null) {
                    slot = (slot + 1) & slotMask;
                }
                keys[2 * slot] = high;
                keys[2 * slot + 1] = low;
                values[slot] = entries.get(i);
            }
        }

        private static long mask(int bits) {
            return bits <= 0 ? 0L : bits >= 64 ? -1L : -1L << (64 - bits);
        }

        private int slot(long high, long low) {
            long hash = (high * 0x9E3779B97F4A7C15L) ^ (low * 0xC2B2AE3D27D4EB4FL);
            return (int) (hash ^ (hash >>> 29) ^ (hash >>> 47)) & slotMask;
        }

        @SuppressWarnings("unchecked")
        T get(long address0, long address1) {
            long high = address0 & maskHigh;
            long low = address1 & maskLow;
            for (int slot = slot(high, low); ; slot = (slot + 1) & slotMask) {
                Object value = values[slot];
                if (value == null) {
                    return null;
                }
                if (keys[2 * slot] == high && keys[2 * slot + 1] == low) {
                    return (T) value;
                }
            }
        }

        int size() {
            int size = 0;
            for (Object value : values) {
                size += value == null ? 0 : 1;
            }
            return size;
        }
    }

    public static <T> NetworkTable<T> of(Collection<T> entries, Function<T, Cidr> cidrOf) {
        return new NetworkTable<>(entries, cidrOf);
    }

    private NetworkTable(Collection<T> entries, Function<T, Cidr> cidrOf) {
        this.ipv4Levels = levels(entries, cidrOf, true);
        this.ipv6Levels = levels(entries, cidrOf, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> PrefixLevel<T>[] levels(Collection<T> entries, Function<T, Cidr> cidrOf, boolean ipv4) {
        TreeMap<Integer, List<T>> byLength = new TreeMap<>((a, b) -> Integer.compare(b, a));
        for (T entry : entries) {
            Cidr cidr = cidrOf.apply(entry);
            if (cidr.isIpv4() == ipv4) {
                byLength.computeIfAbsent(cidr.prefixLength(), length -> new ArrayList<>()).add(entry);
            }
        }
        return byLength.entrySet().stream()
            .map(level -> {
                List<long[]> keys = new ArrayList<>();
                for (T entry : level.getValue()) {
                    keys.add(key(cidrOf.apply(entry).networkBytes()));
                }
                return new PrefixLevel<>(level.getKey(), keys, level.getValue());
            })
            .toArray(PrefixLevel[]::new);
    }

    /** IPv4 a.b.c.d is {a.b.c.d << 32, 0}; IPv6 is its two halves. */
    private static long[] key(byte[] bytes) {
        return new long[] {half(bytes, 0), half(bytes, 8)};
    }

    private static long half(byte[] bytes, int from) {
        long half = 0;
        for (int i = from; i < from + 8; i++) {
            half = (half << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
        }
        return half;
    }

    /** The entry of the most specific network that contains the address. */
    public Optional<T> longestMatch(InetAddress address) {
        return Optional.ofNullable(longestMatchOrNull(IpAddresses.canonical(address).getAddress()));
    }

    /** The entry of the most specific network that contains the canonical address of these bytes, or null. */
    T longestMatchOrNull(byte[] bytes) {
        long high = half(bytes, 0);
        long low = half(bytes, 8);
        for (PrefixLevel<T> level : bytes.length == 4 ? ipv4Levels : ipv6Levels) {
            T entry = level.get(high, low);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    public int size() {
        int size = 0;
        for (PrefixLevel<T> level : ipv4Levels) {
            size += level.size();
        }
        for (PrefixLevel<T> level : ipv6Levels) {
            size += level.size();
        }
        return size;
    }
}
