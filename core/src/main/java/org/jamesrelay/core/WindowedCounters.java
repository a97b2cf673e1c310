package org.jamesrelay.core;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event counts per key in fixed windows, lock-free: each key has one {@link AtomicLong} holding the low bits of its
 * window's number (high bits) and its count (low bits, up to 2^44, enough for bytes), updated by compare-and-set, so
 * counting an event for a known key allocates nothing. A count left untouched for exactly 2^20 windows would be read
 * as current; the sweep removes such stale keys long before. A fixed window lets a client spread up to twice the count over a window boundary; limits are set with
 * that in mind. Keys whose window has passed are dropped once the map grows past {@link #SWEEP_SIZE}.
 */
public final class WindowedCounters {
    static final int SWEEP_SIZE = 10_000;
    private static final int COUNT_BITS = 44;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long WINDOW_MASK = (1L << (Long.SIZE - COUNT_BITS)) - 1;

    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public WindowedCounters(Clock clock) {
        this.clock = clock;
    }

    /** Counts one event for {@code key} and answers the count of its current window, this event included. */
    public int increment(String key, Duration window) {
        long current = windowOf(window);
        AtomicLong cell = cell(key, window);
        while (true) {
            long packed = cell.get();
            long count = Math.min(countIn(packed, current) + 1, COUNT_MASK);
            if (cell.compareAndSet(packed, (current << COUNT_BITS) | count)) {
                return (int) Math.min(count, Integer.MAX_VALUE);
            }
        }
    }

    /**
     * Adds {@code amount} to the count of {@code key} if the count stays within {@code max}; answers whether it did.
     * A refused amount is not counted.
     */
    public boolean tryAdd(String key, Duration window, long amount, long max) {
        long current = windowOf(window);
        AtomicLong cell = cell(key, window);
        while (true) {
            long packed = cell.get();
            long count = countIn(packed, current) + amount;
            if (count > max) {
                return false;
            }
            if (cell.compareAndSet(packed, (current << COUNT_BITS) | Math.min(count, COUNT_MASK))) {
                return true;
            }
        }
    }

    /** Takes back an amount counted by {@link #tryAdd}, if its window is still the current one. */
    public void subtract(String key, Duration window, long amount) {
        AtomicLong cell = counters.get(key);
        long current = windowOf(window);
        while (cell != null) {
            long packed = cell.get();
            long count = countIn(packed, current);
            if (count == 0 || cell.compareAndSet(packed, (current << COUNT_BITS) | Math.max(0, count - amount))) {
                return;
            }
        }
    }

    private AtomicLong cell(String key, Duration window) {
        AtomicLong cell = counters.get(key);
        if (cell == null) {
            sweepIfLarge(window);
            cell = counters.computeIfAbsent(key, any -> new AtomicLong());
        }
        return cell;
    }

    private static long countIn(long packed, long currentWindow) {
        return (packed >>> COUNT_BITS) == currentWindow ? packed & COUNT_MASK : 0;
    }

    /** The count of {@code key} in the current window. */
    public int count(String key, Duration window) {
        AtomicLong cell = counters.get(key);
        if (cell == null) {
            return 0;
        }
        return (int) Math.min(countIn(cell.get(), windowOf(window)), Integer.MAX_VALUE);
    }

    public void reset(String key) {
        counters.remove(key);
    }

    /** Milliseconds until the current window of this length ends. */
    public long millisToWindowEnd(Duration window) {
        long length = window.toMillis();
        return length - clock.millis() % length;
    }

    /** The low bits of the current window's number, as kept in a count. */
    private long windowOf(Duration window) {
        return (clock.millis() / window.toMillis()) & WINDOW_MASK;
    }

    private void sweepIfLarge(Duration window) {
        if (counters.size() >= SWEEP_SIZE) {
            long current = windowOf(window);
            counters.values().removeIf(cell -> (cell.get() >>> COUNT_BITS) != current);
        }
    }
}
