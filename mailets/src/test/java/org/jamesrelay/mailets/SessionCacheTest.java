package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SessionCacheTest {
    private static final String HOP = "[127.0.0.1]:2526";
    private static final String OTHER_HOP = "[127.0.0.1]:2527";
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(2);
    private static final Duration AGE_LIMIT = Duration.ofSeconds(300);

    private final AtomicLong clock = new AtomicLong();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private SessionCache<String> cache(ConnectionReuse limits) {
        return new SessionCache<>(limits, closed::add, clock::get);
    }

    private static ConnectionReuse limits(int sessionsPerHop, int reuseCountLimit) {
        return new ConnectionReuse(true, sessionsPerHop, IDLE_LIMIT, AGE_LIMIT, reuseCountLimit);
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Test
    void aReleasedSessionIsTakenAgainForItsHopOnly() {
        SessionCache<String> cache = cache(limits(4, 0));
        cache.release(HOP, cache.opened("s1"));

        assertThat(cache.take(OTHER_HOP)).isEmpty();
        assertThat(cache.take(HOP)).hasValueSatisfying(lease -> {
            assertThat(lease.session()).isEqualTo("s1");
            assertThat(lease.reused()).isTrue();
        });
        assertThat(cache.take(HOP)).isEmpty();
        assertThat(closed).isEmpty();
    }

    @Test
    void aSessionJustOpenedIsNotReused() {
        assertThat(cache(limits(4, 0)).opened("s1").reused()).isFalse();
    }

    @Test
    void theMostRecentlyReleasedSessionIsTakenFirst() {
        SessionCache<String> cache = cache(limits(4, 0));
        cache.release(HOP, cache.opened("s1"));
        cache.release(HOP, cache.opened("s2"));

        assertThat(cache.take(HOP).map(SessionCache.Lease::session)).contains("s2");
        assertThat(cache.take(HOP).map(SessionCache.Lease::session)).contains("s1");
    }

    @Test
    void aHopKeepsAtMostItsNumberOfIdleSessions() {
        SessionCache<String> cache = cache(limits(2, 0));
        cache.release(HOP, cache.opened("s1"));
        cache.release(HOP, cache.opened("s2"));
        cache.release(HOP, cache.opened("s3"));
        cache.release(OTHER_HOP, cache.opened("t1"));

        assertThat(closed).containsExactly("s3");
        assertThat(cache.take(OTHER_HOP)).isPresent();
    }

    @Test
    void aSessionIdleLongerThanTheIdleLimitIsClosedAndNotTaken() {
        SessionCache<String> cache = cache(limits(4, 0));
        cache.release(HOP, cache.opened("s1"));
        advance(IDLE_LIMIT.plusMillis(1));

        assertThat(cache.take(HOP)).isEmpty();
        assertThat(closed).containsExactly("s1");
    }

    @Test
    void closeExpiredClosesOnlyTheSessionsIdleTooLong() {
        SessionCache<String> cache = cache(limits(4, 0));
        cache.release(HOP, cache.opened("old"));
        advance(IDLE_LIMIT.minusMillis(500));
        cache.release(OTHER_HOP, cache.opened("recent"));
        advance(Duration.ofMillis(501));

        cache.closeExpired();

        assertThat(closed).containsExactly("old");
        assertThat(cache.take(OTHER_HOP).map(SessionCache.Lease::session)).contains("recent");
    }

    @Test
    void aSessionIsReusedAsOftenAsTheReuseCountLimitAllows() {
        SessionCache<String> cache = cache(limits(4, 2));
        SessionCache.Lease<String> lease = cache.opened("s1");
        cache.release(HOP, lease);
        cache.release(HOP, cache.take(HOP).orElseThrow());
        cache.release(HOP, cache.take(HOP).orElseThrow());

        assertThat(closed).containsExactly("s1");
        assertThat(cache.take(HOP)).isEmpty();
    }

    @Test
    void aSessionOlderThanTheAgeLimitIsClosedWhenReleased() {
        SessionCache<String> cache = cache(limits(4, 0));
        SessionCache.Lease<String> lease = cache.opened("s1");
        advance(AGE_LIMIT);

        cache.release(HOP, lease);

        assertThat(closed).containsExactly("s1");
        assertThat(cache.take(HOP)).isEmpty();
    }

    @Test
    void anIdleSessionReachingTheAgeLimitIsNotTaken() {
        SessionCache<String> cache = cache(limits(4, 0));
        SessionCache.Lease<String> lease = cache.opened("s1");
        advance(AGE_LIMIT.minusSeconds(1));
        cache.release(HOP, lease);
        advance(Duration.ofSeconds(1));

        assertThat(cache.take(HOP)).isEmpty();
        assertThat(closed).containsExactly("s1");
    }

    @Test
    void aDiscardedSessionIsClosedAndNeverTaken() {
        SessionCache<String> cache = cache(limits(4, 0));
        SessionCache.Lease<String> lease = cache.opened("s1");
        cache.release(HOP, lease);
        SessionCache.Lease<String> taken = cache.take(HOP).orElseThrow();

        cache.discard(taken);

        assertThat(closed).containsExactly("s1");
        assertThat(cache.take(HOP)).isEmpty();
    }

    @Test
    void withoutCachingEverySessionIsClosedAfterItsMail() {
        SessionCache<String> cache = cache(new ConnectionReuse(false, 4, IDLE_LIMIT, AGE_LIMIT, 0));
        cache.release(HOP, cache.opened("s1"));

        assertThat(closed).containsExactly("s1");
        assertThat(cache.take(HOP)).isEmpty();
    }

    @Test
    void closeAllClosesTheIdleSessionsAndThoseReleasedAfterwards() {
        SessionCache<String> cache = cache(limits(4, 0));
        cache.release(HOP, cache.opened("idle"));
        SessionCache.Lease<String> inUse = cache.opened("in-use");

        cache.closeAll();
        cache.release(HOP, inUse);

        assertThat(closed).containsExactly("idle", "in-use");
        assertThat(cache.take(HOP)).isEmpty();
    }
}
