package org.jamesrelay.mailets;

import java.time.Duration;
import java.util.List;

/**
 * When a temporarily failed mail is tried again, and how many times before it is returned to its sender. The same
 * {@code delayTime} and {@code maxRetries} parameters as James's RemoteDelivery.
 */
final class RetrySchedule {
    private static final Duration AFTER_LAST_DELAY = Duration.ofHours(6);

    private final List<Duration> delays;
    private final int maxRetries;

    RetrySchedule(List<Duration> delays, int maxRetries) {
        this.delays = List.copyOf(delays);
        this.maxRetries = maxRetries;
    }

    boolean isExhausted(int retriesSoFar) {
        return retriesSoFar >= maxRetries;
    }

    /** The delay before retry number {@code retry}, counted from 1. */
    Duration delayBefore(int retry) {
        return retry <= delays.size() ? delays.get(retry - 1) : AFTER_LAST_DELAY;
    }

    int maxRetries() {
        return maxRetries;
    }
}
