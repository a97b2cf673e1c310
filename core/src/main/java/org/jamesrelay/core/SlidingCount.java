package org.jamesrelay.core;

/**
 * A key's count over the last window length, estimated from fixed windows: its count in the current window plus its
 * count in the window before, weighted by the part of that window still within the last window length (rounded up).
 * A count that straddles the start of a window is not halved by it, as it is when only the current window counts.
 */
public final class SlidingCount {
    private final long window;
    private final long previous;
    private final long current;
    private final long remainingMillisOfPrevious;
    private final long lengthMillis;

    SlidingCount(long window, long previous, long current, long remainingMillisOfPrevious, long lengthMillis) {
        this.window = window;
        this.previous = previous;
        this.current = current;
        this.remainingMillisOfPrevious = remainingMillisOfPrevious;
        this.lengthMillis = lengthMillis;
    }

    /** The number of the current window (time since the epoch divided by the window length). */
    public long window() {
        return window;
    }

    public long estimate() {
        return current + (previous * remainingMillisOfPrevious + lengthMillis - 1) / lengthMillis;
    }

    /** This count without what {@code earlier}, a count of the same key taken before, had counted. */
    public SlidingCount without(SlidingCount earlier) {
        if (earlier.window == window) {
            return new SlidingCount(window, Math.max(0, previous - earlier.previous), Math.max(0, current - earlier.current),
                remainingMillisOfPrevious, lengthMillis);
        }
        if (earlier.window == window - 1) {
            return new SlidingCount(window, Math.max(0, previous - earlier.current), current, remainingMillisOfPrevious, lengthMillis);
        }
        return this;
    }
}
