package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The contract of the node-local limiter: what any limiter backend must do. */
class RateLimiterTest {
    private static final RateLimit MESSAGES = new RateLimit("login-hourly", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 3,
        Optional.of(Duration.ofHours(1)));
    private static final RateLimit SESSIONS = new RateLimit("client-sessions", RateLimit.Scope.CLIENT, RateLimit.Counted.SESSIONS, 2,
        Optional.empty());
    private static final RateLimit BYTES = new RateLimit("client-bytes", RateLimit.Scope.CLIENT, RateLimit.Counted.BYTES, 1000,
        Optional.of(Duration.ofMinutes(1)));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock);

    @Test
    void eventsWithinTheLimitShouldBeCountedAndTheNextRefusedUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(MESSAGES, "alice", 1)).isEqualTo(RateLimiter.ACQUIRED);
        }
        clock.advance(Duration.ofMinutes(20));

        assertThat(limiter.tryAcquire(MESSAGES, "alice", 1)).isEqualTo(40 * 60);
        assertThat(limiter.tryAcquire(MESSAGES, "bob", 1)).isEqualTo(RateLimiter.ACQUIRED);
        assertThat(limiter.count(MESSAGES, "alice")).isEqualTo(3);

        clock.advance(Duration.ofMinutes(40));

        assertThat(limiter.tryAcquire(MESSAGES, "alice", 1)).isEqualTo(RateLimiter.ACQUIRED);
    }

    @Test
    void anAmountThatWouldPassTheLimitShouldBeRefusedWhole() {
        assertThat(limiter.tryAcquire(BYTES, "192.0.2.1", 800)).isEqualTo(RateLimiter.ACQUIRED);

        assertThat(limiter.tryAcquire(BYTES, "192.0.2.1", 300)).isPositive();
        assertThat(limiter.tryAcquire(BYTES, "192.0.2.1", 200)).isEqualTo(RateLimiter.ACQUIRED);
        assertThat(limiter.count(BYTES, "192.0.2.1")).isEqualTo(1000);
    }

    @Test
    void sessionsShouldBeCountedAtOnceAndGivenBack() {
        assertThat(limiter.tryAcquire(SESSIONS, "192.0.2.1", 1)).isEqualTo(RateLimiter.ACQUIRED);
        assertThat(limiter.tryAcquire(SESSIONS, "192.0.2.1", 1)).isEqualTo(RateLimiter.ACQUIRED);
        assertThat(limiter.tryAcquire(SESSIONS, "192.0.2.1", 1)).isEqualTo(RateLimiter.SESSIONS_RETRY_SECONDS);

        limiter.releaseSession(SESSIONS, "192.0.2.1");

        assertThat(limiter.count(SESSIONS, "192.0.2.1")).isEqualTo(1);
        assertThat(limiter.tryAcquire(SESSIONS, "192.0.2.1", 1)).isEqualTo(RateLimiter.ACQUIRED);
    }

    @Test
    void countsShouldSurviveAPolicyChangeThatKeepsTheLimit() {
        limiter.tryAcquire(MESSAGES, "alice", 1);
        RateLimit raised = new RateLimit("login-hourly", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 10, Optional.of(Duration.ofHours(1)));

        assertThat(limiter.count(raised, "alice")).isEqualTo(1);
    }

    @Test
    void entriesShouldBeReadWithTheirLine() throws PolicyFileException {
        RelayPolicy policy = PolicyFileParser.parse("relay-policy.conf", String.join("\n",
            "rate-limit login-hourly scope=login counts=messages max=200/1h",
            "rate-limit client-sessions scope=client counts=sessions max=10",
            "rate-limit client-bytes scope=client counts=bytes max=100M/1d"));

        assertThat(policy.rateLimits()).extracting(RateLimit::asEntry).containsExactly(
            "rate-limit login-hourly scope=login counts=messages max=200/3600s",
            "rate-limit client-sessions scope=client counts=sessions max=10",
            "rate-limit client-bytes scope=client counts=bytes max=104857600/86400s");
    }

    @Test
    void wrongEntriesShouldSayWhy() {
        assertThatThrownBy(() -> PolicyFileParser.parse("p", "rate-limit a scope=login counts=connections max=10/1m"))
            .hasMessage("p:1: 'rate-limit a scope=login counts=connections max=10/1m': counts=connections is known at connect: scope=client or network only");
        assertThatThrownBy(() -> PolicyFileParser.parse("p", "rate-limit a scope=client counts=messages max=10"))
            .hasMessage("p:1: 'rate-limit a scope=client counts=messages max=10': counts=messages needs a window: max=COUNT/WINDOW");
        assertThatThrownBy(() -> PolicyFileParser.parse("p", "rate-limit a scope=planet counts=messages max=10/1h"))
            .hasMessage("p:1: 'rate-limit a scope=planet counts=messages max=10/1h': scope=planet is not one of client, network, login, sender-domain, relay-domain");
        assertThatThrownBy(() -> PolicyFileParser.parse("p", "rate-limit a scope=client counts=messages max=1/1h\nrate-limit a scope=login counts=messages max=1/1h"))
            .hasMessage("p:2: 'rate-limit a scope=login counts=messages max=1/1h': rate limit a is already set");
    }
}
