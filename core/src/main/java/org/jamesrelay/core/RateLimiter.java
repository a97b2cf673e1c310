package org.jamesrelay.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of the policy's {@link RateLimit}s on this node, kept by limit name so that they survive a policy
 * change that keeps the limit (a new window length starts its counts again). A check of a known limit and key
 * allocates nothing and takes no lock ({@link WindowedCounters}); sessions at once are counted in a map of atomic
 * counts, taken at connect and given back at disconnect. In a cluster, the windowed limits are counted in
 * {@link SharedWindows} instead.
 */
public final class RateLimiter {
    /** What a client refused for too many sessions at once is told to wait: there is no window to wait for. */
    public static final long SESSIONS_RETRY_SECONDS = 60;
    /** What {@link #tryAcquire} answers when the amount was counted within the limit. */
    public static final long ACQUIRED = 0;

    private final Clock clock;
    private final Optional<SharedWindows> shared;
    private final ConcurrentHashMap<String, WindowedCounters> windowed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> sessions = new ConcurrentHashMap<>();

    /** A limiter of one node. */
    public RateLimiter(Clock clock) {
        this(clock, Optional.empty());
    }

    /** A limiter whose windowed limits are shared with the other nodes through {@code shared}; sessions stay per node. */
    public RateLimiter(Clock clock, Optional<SharedWindows> shared) {
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Counts {@code amount} for {@code key} under {@code limit} if it stays within the limit: answers {@link #ACQUIRED}, or
     * the whole seconds until the client may try again (nothing is counted then).
     */
    public long tryAcquire(RateLimit limit, String key, long amount) {
        if (limit.counted() == RateLimit.Counted.SESSIONS) {
            return acquireSession(limit, key);
        }
        if (shared.isPresent()) {
            return shared.get().tryAcquire(limit, key, amount);
        }
        Duration window = limit.window().orElseThrow();
        WindowedCounters counters = countersOf(limit);
        if (counters.tryAdd(key, window, amount, limit.max())) {
            return ACQUIRED;
        }
        return Math.max(1, (counters.millisToWindowEnd(window) + 999) / 1000);
    }

    /** Gives back a session taken by {@link #tryAcquire} for a {@code counts=sessions} limit. */
    public void releaseSession(RateLimit limit, String key) {
        ConcurrentHashMap<String, AtomicLong> counts = sessions.get(limit.name());
        if (counts != null) {
            counts.computeIfPresent(key, (any, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** The current count of {@code key}: sessions open, or events in the current window. */
    public long count(RateLimit limit, String key) {
        if (limit.counted() == RateLimit.Counted.SESSIONS) {
            ConcurrentHashMap<String, AtomicLong> counts = sessions.get(limit.name());
            AtomicLong count = counts == null ? null : counts.get(key);
            return count == null ? 0 : count.get();
        }
        if (shared.isPresent()) {
            return shared.get().count(limit, key);
        }
        WindowedCounters counters = windowed.get(limit.name());
        return counters == null ? 0 : counters.count(key, limit.window().orElseThrow());
    }

    private long acquireSession(RateLimit limit, String key) {
        ConcurrentHashMap<String, AtomicLong> counts = sessions.computeIfAbsent(limit.name(), any -> new ConcurrentHashMap<>());
        boolean[] acquired = new boolean[1];
        counts.compute(key, (any, count) -> {
            AtomicLong current = count == null ? new AtomicLong() : count;
            acquired[0] = current.get() < limit.max();
            if (acquired[0]) {
                current.incrementAndGet();
            }
            return current.get() == 0 ? null : current;
        });
        return acquired[0] ? ACQUIRED : SESSIONS_RETRY_SECONDS;
    }

    private WindowedCounters countersOf(RateLimit limit) {
        WindowedCounters counters = windowed.get(limit.name());
        return counters != null ? counters : windowed.computeIfAbsent(limit.name(), any -> new WindowedCounters(clock));
    }
}
