package org.jamesrelay.core;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Windowed counts (of the rate limits, of failed logins) shared by the nodes of a cluster, without a store round
 * trip per SMTP command: each node decides on the cluster's counts as of its last {@link #sync}, plus what it counted itself since. A sync (one
 * a second, off the SMTP threads) adds this node's new counts to the store and reads back every key's cluster count
 * of each limit's current window. So a limit can be passed by what the other nodes counted since their last sync:
 * at most, per key, {@code (nodes - 1) x} what one node accepts in one sync interval.
 */
public final class SharedWindows {
    /** The store side of a sync: adds counts, reads a window's counts. */
    public interface Store {
        void add(String limit, long window, Map<String, Long> deltas) throws Exception;

        Map<String, Long> read(String limit, long window) throws Exception;
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, LimitWindow> windows = new ConcurrentHashMap<>();

    public SharedWindows(Clock clock) {
        this.clock = clock;
    }

    /** One limit's current window on this node, with the counts of the window before it. */
    private static final class LimitWindow {
        final Duration length;
        final long window;
        final Map<String, Long> previous;
        final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
        volatile Map<String, Long> cluster = Map.of();
        volatile Map<String, Long> inFlight = Map.of();

        LimitWindow(Duration length, long window, Map<String, Long> previous) {
            this.length = length;
            this.window = window;
            this.previous = previous;
        }

        Set<String> keys() {
            Set<String> keys = new HashSet<>(cluster.keySet());
            keys.addAll(inFlight.keySet());
            keys.addAll(pending.keySet());
            return keys;
        }

        Map<String, Long> counts() {
            Map<String, Long> counts = new HashMap<>();
            keys().forEach(key -> counts.put(key, seen(key)));
            return counts;
        }

        long seen(String key) {
            AtomicLong own = pending.get(key);
            return cluster.getOrDefault(key, 0L) + inFlight.getOrDefault(key, 0L) + (own == null ? 0 : own.get());
        }
    }

    /** As {@link RateLimiter#tryAcquire}: {@link RateLimiter#ACQUIRED}, or the seconds to wait. */
    public long tryAcquire(RateLimit limit, String key, long amount) {
        Duration window = limit.window().orElseThrow();
        LimitWindow current = current(limit.name(), window);
        if (current.seen(key) + amount > limit.max()) {
            long length = window.toMillis();
            return Math.max(1, (length - clock.millis() % length + 999) / 1000);
        }
        current.pending.computeIfAbsent(key, any -> new AtomicLong()).addAndGet(amount);
        return RateLimiter.ACQUIRED;
    }

    /** The cluster's count of {@code key} as this node knows it. */
    public long count(RateLimit limit, String key) {
        return count(limit.name(), limit.window().orElseThrow(), key);
    }

    /**
     * Counts {@code amount} for {@code key} in the current window of the counts {@code name}, without a limit; answers
     * the cluster's count as this node knows it, this amount included.
     */
    public long add(String name, Duration window, String key, long amount) {
        LimitWindow current = current(name, window);
        current.pending.computeIfAbsent(key, any -> new AtomicLong()).addAndGet(amount);
        return current.seen(key);
    }

    /** The cluster's count of {@code key} in the current window of the counts {@code name}, as this node knows it. */
    public long count(String name, Duration window, String key) {
        return current(name, window).seen(key);
    }

    /** Every key this node knows a count of in the current window of the counts {@code name}, with that count. */
    public Map<String, Long> counts(String name, Duration window) {
        return current(name, window).counts();
    }

    /** As {@link #count(String, Duration, String)}, over the last window length rather than the current window. */
    public SlidingCount sliding(String name, Duration window, String key) {
        return sliding(current(name, window), key);
    }

    /** Every key this node knows a count of in the current window or the one before, with its {@link #sliding} count. */
    public Map<String, SlidingCount> slidingCounts(String name, Duration window) {
        LimitWindow current = current(name, window);
        Set<String> keys = current.keys();
        keys.addAll(current.previous.keySet());
        Map<String, SlidingCount> counts = new HashMap<>();
        keys.forEach(key -> counts.put(key, sliding(current, key)));
        return counts;
    }

    private SlidingCount sliding(LimitWindow current, String key) {
        long length = current.length.toMillis();
        long remainingOfPrevious = length - clock.millis() % length;
        return new SlidingCount(current.window, current.previous.getOrDefault(key, 0L), current.seen(key), remainingOfPrevious, length);
    }

    /**
     * Sends this node's new counts of the windowed limits to the store and reads back the cluster's. A failed sync
     * keeps the counts for the next one; the node goes on deciding on what it knows.
     */
    public void sync(List<RateLimit> limits, Store store) throws Exception {
        Map<String, Duration> windows = new LinkedHashMap<>();
        limits.forEach(limit -> limit.window().ifPresent(window -> windows.put(limit.name(), window)));
        sync(windows, store);
    }

    /** As {@link #sync(List, Store)}, for the counts named by the keys, each in windows of its value's length. */
    public void sync(Map<String, Duration> windows, Store store) throws Exception {
        for (Map.Entry<String, Duration> counted : windows.entrySet()) {
            LimitWindow current = current(counted.getKey(), counted.getValue());
            Map<String, Long> deltas = new HashMap<>();
            current.pending.forEach((key, count) -> {
                long taken = count.getAndSet(0);
                if (taken > 0) {
                    deltas.put(key, taken);
                }
            });
            current.inFlight = Map.copyOf(deltas);
            try {
                if (!deltas.isEmpty()) {
                    store.add(counted.getKey(), current.window, deltas);
                }
                current.cluster = Map.copyOf(store.read(counted.getKey(), current.window));
                current.inFlight = Map.of();
            } catch (Exception e) {
                deltas.forEach((key, count) -> current.pending.computeIfAbsent(key, any -> new AtomicLong()).addAndGet(count));
                current.inFlight = Map.of();
                throw e;
            }
        }
    }

    /** The current window of the counts {@code name}; a new window length starts new counts. */
    private LimitWindow current(String name, Duration window) {
        long number = clock.millis() / window.toMillis();
        LimitWindow current = windows.get(name);
        if (current == null || current.window != number || !current.length.equals(window)) {
            current = windows.compute(name, (any, known) -> known == null || !known.length.equals(window) || known.window < number
                ? new LimitWindow(window, number, countsBefore(known, window, number)) : known);
        }
        return current;
    }

    private static Map<String, Long> countsBefore(LimitWindow known, Duration window, long number) {
        return known != null && known.length.equals(window) && known.window == number - 1 ? Map.copyOf(known.counts()) : Map.of();
    }
}
