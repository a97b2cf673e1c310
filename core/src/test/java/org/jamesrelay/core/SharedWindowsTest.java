package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Two nodes sharing one store of counts: the contract of the cluster backend, with an in-memory store. */
class SharedWindowsTest {
    private static final RateLimit HOURLY = new RateLimit("login-hourly", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 3,
        Optional.of(Duration.ofHours(1)));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final SharedWindows secondWindows = new SharedWindows(clock);
    private final RateLimiter second = new RateLimiter(clock, Optional.of(secondWindows));

    @Test
    void countsOfOneNodeShouldBindTheOtherAfterASync() throws Exception {
        SharedWindows one = new SharedWindows(clock);
        RateLimiter node1 = new RateLimiter(clock, Optional.of(one));
        for (int i = 0; i < 3; i++) {
            assertThat(node1.tryAcquire(HOURLY, "bob", 1)).isEqualTo(RateLimiter.ACQUIRED);
        }
        assertThat(node1.tryAcquire(HOURLY, "bob", 1)).isPositive();

        one.sync(List.of(HOURLY), store);
        secondWindows.sync(List.of(HOURLY), store);

        assertThat(second.count(HOURLY, "bob")).isEqualTo(3);
        assertThat(second.tryAcquire(HOURLY, "bob", 1)).isEqualTo(3600);
        assertThat(second.tryAcquire(HOURLY, "alice", 1)).isEqualTo(RateLimiter.ACQUIRED);
    }

    @Test
    void overshootShouldBeBoundedByWhatEachNodeAcceptsBetweenSyncs() throws Exception {
        SharedWindows one = new SharedWindows(clock);
        RateLimiter node1 = new RateLimiter(clock, Optional.of(one));
        long accepted = 0;
        for (int i = 0; i < 5; i++) {
            accepted += node1.tryAcquire(HOURLY, "bob", 1) == RateLimiter.ACQUIRED ? 1 : 0;
            accepted += second.tryAcquire(HOURLY, "bob", 1) == RateLimiter.ACQUIRED ? 1 : 0;
        }
        one.sync(List.of(HOURLY), store);
        secondWindows.sync(List.of(HOURLY), store);

        assertThat(accepted).isEqualTo(6);
        assertThat(store.read("login-hourly", clock.millis() / 3_600_000)).containsEntry("bob", 6L);
        assertThat(node1.tryAcquire(HOURLY, "bob", 1)).isPositive();
        assertThat(second.tryAcquire(HOURLY, "bob", 1)).isPositive();
    }

    /** The clock is 10:00: a one-minute window's number is larger than a day window's, and must not be kept. */
    @Test
    void countsUnderALongerWindowShouldGoToThatWindowOfTheStore() throws Exception {
        secondWindows.add("auth-failures/client", Duration.ofMinutes(1), "192.0.2.1", 1);
        secondWindows.sync(Map.of("auth-failures/client", Duration.ofMinutes(1)), store);

        assertThat(secondWindows.add("auth-failures/client", Duration.ofDays(1), "192.0.2.1", 1)).isEqualTo(1);
        secondWindows.sync(Map.of("auth-failures/client", Duration.ofDays(1)), store);

        assertThat(store.read("auth-failures/client", clock.millis() / Duration.ofDays(1).toMillis())).containsEntry("192.0.2.1", 1L);
        assertThat(secondWindows.count("auth-failures/client", Duration.ofDays(1), "192.0.2.1")).isEqualTo(1);
    }

    @Test
    void aFailedSyncShouldKeepTheCountsForTheNext() throws Exception {
        second.tryAcquire(HOURLY, "bob", 1);
        store.down = true;

        assertThatThrownBy(() -> secondWindows.sync(List.of(HOURLY), store)).hasMessage("store down");
        assertThat(second.count(HOURLY, "bob")).isEqualTo(1);

        store.down = false;
        secondWindows.sync(List.of(HOURLY), store);

        assertThat(second.count(HOURLY, "bob")).isEqualTo(1);
        assertThat(store.read("login-hourly", clock.millis() / 3_600_000)).containsEntry("bob", 1L);
    }

    @Test
    void aNewWindowShouldStartFromZero() throws Exception {
        second.tryAcquire(HOURLY, "bob", 3);
        secondWindows.sync(List.of(HOURLY), store);

        clock.advance(Duration.ofHours(1));

        assertThat(second.tryAcquire(HOURLY, "bob", 1)).isEqualTo(RateLimiter.ACQUIRED);
    }
}
