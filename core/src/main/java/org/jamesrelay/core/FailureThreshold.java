package org.jamesrelay.core;

import java.time.Duration;
import java.util.Objects;

/** At most {@code count} events in {@code window}, written {@code COUNT/WINDOW} ({@code 10/10m}). */
public final class FailureThreshold {
    private final int count;
    private final Duration window;

    public FailureThreshold(int count, Duration window) {
        if (count < 1) {
            throw new IllegalArgumentException("a limit must allow at least 1, not " + count);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a limit's window must be at least 1s");
        }
        this.count = count;
        this.window = window;
    }

    static FailureThreshold parse(String value) {
        int slash = value.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("'" + Printable.of(value) + "' is not COUNT/WINDOW, like 10/10m");
        }
        try {
            return new FailureThreshold(Integer.parseInt(value.substring(0, slash)), PolicyUnits.duration(value.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + Printable.of(value) + "' is not COUNT/WINDOW, like 10/10m");
        }
    }

    public int count() {
        return count;
    }

    public Duration window() {
        return window;
    }

    public String asString() {
        return count + "/" + window.toSeconds() + "s";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailureThreshold && count == ((FailureThreshold) o).count && window.equals(((FailureThreshold) o).window);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, window);
    }

    @Override
    public String toString() {
        return asString();
    }
}
