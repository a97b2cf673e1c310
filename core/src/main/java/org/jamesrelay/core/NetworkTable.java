package org.jamesrelay.core;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Immutable longest-prefix lookup over networks: one hash table per prefix length in use, probed from the
 * longest prefix down, so a lookup costs at most one probe per distinct prefix length whatever the table size.
 */
public final class NetworkTable<T> {
    private final PrefixLevel<T>[] ipv4Levels;
    private final PrefixLevel<T>[] ipv6Levels;

    private static final class PrefixLevel<T> {
        private final int prefixLength;
        private final Map<ByteBuffer, T> entries;

        private PrefixLevel(int prefixLength, Map<ByteBuffer, T> entries) {
            this.prefixLength = prefixLength;
            this.entries = Map.copyOf(entries);
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
        TreeMap<Integer, Map<ByteBuffer, T>> byLength = new TreeMap<>((a, b) -> Integer.compare(b, a));
        for (T entry : entries) {
            Cidr cidr = cidrOf.apply(entry);
            if (cidr.isIpv4() == ipv4) {
                byLength.computeIfAbsent(cidr.prefixLength(), length -> new HashMap<>())
                    .put(ByteBuffer.wrap(cidr.networkBytes()), entry);
            }
        }
        return byLength.entrySet().stream()
            .map(level -> new PrefixLevel<>(level.getKey(), level.getValue()))
            .toArray(PrefixLevel[]::new);
    }

    /** The entry of the most specific network that contains the address. */
    public Optional<T> longestMatch(InetAddress address) {
        byte[] bytes = IpAddresses.canonical(address).getAddress();
        for (PrefixLevel<T> level : bytes.length == 4 ? ipv4Levels : ipv6Levels) {
            T entry = level.entries.get(ByteBuffer.wrap(Cidr.mask(bytes, level.prefixLength)));
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return List.of(ipv4Levels).stream().mapToInt(level -> level.entries.size()).sum()
            + List.of(ipv6Levels).stream().mapToInt(level -> level.entries.size()).sum();
    }
}
