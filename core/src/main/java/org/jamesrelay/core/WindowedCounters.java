package org.jamesrelay.core;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event counts per key in fixed windows, lock-free: each key has one {@link AtomicLong} holding its window's number
 * (high bits) and its count (low bits), updated by compare-and-set, so counting an event for a known key allocates
 * nothing. A fixed window lets a client spread up to twice the count over a window boundary; limits are set with
 * that in mind. Keys whose window has passed are dropped once the map grows past {@link #SWEEP_SIZE}.
 */
public final class WindowedCounters {
    static final int SWEEP_SIZE = 10_000;
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public WindowedCounters(Clock clock) {
        this.clock = clock;
    }

    /** Counts one event for {@code key} and answers the count of its current window, this event included. */
    public int increment(String key, Duration window) {
        long current = windowOf(window);
        AtomicLong cell = counters.get(key);
        if (cell == null) {
            sweepIfLarge(window);
            cell = counters.computeIfAbsent(key, any -> new AtomicLong());
        }
        while (true) {
            long packed = cell.get();
            long count = (packed >>> COUNT_BITS) == current ? Math.min((packed & COUNT_MASK) + 1, COUNT_MASK) : 1;
            if (cell.compareAndSet(packed, (current << COUNT_BITS) | count)) {
                return (int) count;
            }
        }
    }

    /** The count of {@code key} in the current window. */
    public int count(String key, Duration window) {
        AtomicLong cell = counters.get(key);
        if (cell == null) {
            return 0;
        }
        long packed = cell.get();
        return (packed >>> COUNT_BITS) == windowOf(window) ? (int) (packed & COUNT_MASK) : 0;
    }

    public void reset(String key) {
        counters.remove(key);
    }

    /** When the current window of this length ends. */
    public long windowEndMillis(Duration window) {
        return (windowOf(window) + 1) * window.toMillis();
    }

    private long windowOf(Duration window) {
        return clock.millis() / window.toMillis();
    }

    private void sweepIfLarge(Duration window) {
        if (counters.size() >= SWEEP_SIZE) {
            long current = windowOf(window);
            counters.values().removeIf(cell -> (cell.get() >>> COUNT_BITS) < current);
        }
    }
}
