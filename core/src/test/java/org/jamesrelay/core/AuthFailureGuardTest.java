package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuthFailureGuardTest {
    private static final AuthFailureLimits LIMITS = new AuthFailureLimits(new FailureThreshold(3, Duration.ofMinutes(10)),
        new FailureThreshold(5, Duration.ofMinutes(10)), new FailureThreshold(8, Duration.ofMinutes(10)), Duration.ofMinutes(15),
        Duration.ofSeconds(1));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AuthFailureGuard guard = new AuthFailureGuard(clock);

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void failuresShouldBeDelayedMoreAndMore() throws Exception {
        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aClientShouldBeLockedOutAtItsThresholdForTheLockoutTime() throws Exception {
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        guard.failed(ip("192.0.2.1"), "bob", LIMITS);
        AuthFailureGuard.Outcome third = guard.failed(ip("192.0.2.1"), "carol", LIMITS);

        assertThat(third.lockout()).hasValueSatisfying(lockout -> {
            assertThat(lockout.scope()).isEqualTo(Lockout.Scope.CLIENT);
            assertThat(lockout.key()).isEqualTo("192.0.2.1");
        });
        assertThat(guard.lockoutOf(ip("192.0.2.1"), "dave")).isPresent();
        assertThat(guard.lockoutOf(ip("192.0.2.2"), "dave")).isEmpty();

        clock.advance(Duration.ofMinutes(15));

        assertThat(guard.lockoutOf(ip("192.0.2.1"), "dave")).isEmpty();
        assertThat(guard.lockouts()).isEmpty();
    }

    @Test
    void aNetworkShouldBeLockedOutWhenItsAddressesTogetherReachItsThreshold() throws Exception {
        for (int host = 1; host <= 5; host++) {
            guard.failed(ip("192.0.2." + host), "user" + host, LIMITS);
        }

        assertThat(guard.lockoutOf(ip("192.0.2.200"), "anyone")).hasValueSatisfying(lockout ->
            assertThat(lockout.key()).isEqualTo("192.0.2.0/24"));
        assertThat(guard.lockoutOf(ip("198.51.100.1"), "anyone")).isEmpty();
    }

    @Test
    void aLoginGuessedFromManyNetworksShouldBeLockedAtItsOwnHigherThreshold() throws Exception {
        for (int network = 1; network <= 7; network++) {
            guard.failed(ip("10.0." + network + ".1"), "Alice", LIMITS);
        }
        assertThat(guard.lockoutOf(ip("10.9.9.9"), "alice")).isEmpty();

        guard.failed(ip("10.0.8.1"), "alice", LIMITS);

        assertThat(guard.lockoutOf(ip("10.9.9.9"), "ALICE")).hasValueSatisfying(lockout ->
            assertThat(lockout.scope()).isEqualTo(Lockout.Scope.LOGIN));
        assertThat(guard.lockoutOf(ip("10.9.9.9"), "bob")).isEmpty();
    }

    @Test
    void failuresStraddlingTheStartOfAWindowShouldStillLockOutAtTheThreshold() throws Exception {
        clock.advance(Duration.ofMinutes(10).minusSeconds(2));
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        clock.advance(Duration.ofSeconds(4));

        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).lockout()).isPresent();
    }

    @Test
    void failuresOfTheWindowBeforeShouldWeighOnlyForThePartOfItWithinTheLastWindowLength() throws Exception {
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        clock.advance(Duration.ofMinutes(16));

        assertThat(guard.failures(Lockout.Scope.CLIENT, "192.0.2.1", LIMITS)).isEqualTo(1);
        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).lockout()).isEmpty();

        clock.advance(Duration.ofMinutes(10));

        assertThat(guard.failures(Lockout.Scope.CLIENT, "192.0.2.1", LIMITS)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.failures(Lockout.Scope.CLIENT, "192.0.2.1", LIMITS)).isZero();
    }

    @Test
    void aLockoutShouldForgetItsFailuresAlsoInTheNextWindow() throws Exception {
        AuthFailureLimits shortLockout = new AuthFailureLimits(LIMITS.perClient(), LIMITS.perNetwork(), LIMITS.perLogin(),
            Duration.ofMinutes(1), Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(9));
        for (int failure = 1; failure <= 3; failure++) {
            guard.failed(ip("192.0.2.1"), "alice", shortLockout);
        }
        clock.advance(Duration.ofMinutes(2));

        assertThat(guard.lockoutOf(ip("192.0.2.1"), "alice")).isEmpty();
        assertThat(guard.failed(ip("192.0.2.1"), "alice", shortLockout).lockout()).isEmpty();
    }

    @Test
    void aSuccessShouldNotResetAnotherAddresssCount() throws Exception {
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        guard.failed(ip("198.51.100.1"), "alice", LIMITS);

        guard.succeeded(ip("198.51.100.1"), LIMITS);

        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).lockout()).isPresent();
        assertThat(guard.failed(ip("198.51.100.1"), "alice", LIMITS).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void liftShouldEndALockoutAndForgetItsFailures() throws Exception {
        for (int i = 0; i < 3; i++) {
            guard.failed(ip("192.0.2.1"), "alice", LIMITS);
        }

        assertThat(guard.lift(Lockout.Scope.CLIENT, "192.0.2.1")).isTrue();

        assertThat(guard.lockoutOf(ip("192.0.2.1"), "alice")).isEmpty();
        assertThat(guard.failed(ip("192.0.2.1"), "alice", LIMITS).lockout()).isEmpty();
        assertThat(guard.lift(Lockout.Scope.CLIENT, "192.0.2.1")).isFalse();
    }

    @Test
    void aGuesserSpreadOverTwoNodesShouldBeLockedOutOnBothAfterASync() throws Exception {
        MemoryStore store = new MemoryStore();
        SharedWindows firstCounts = new SharedWindows(clock);
        SharedWindows secondCounts = new SharedWindows(clock);
        AuthFailureGuard first = new AuthFailureGuard(clock, firstCounts);
        AuthFailureGuard second = new AuthFailureGuard(clock, secondCounts);

        first.failed(ip("192.0.2.1"), "alice", LIMITS);
        first.failed(ip("192.0.2.1"), "bob", LIMITS);
        sync(firstCounts, store);
        sync(secondCounts, store);
        AuthFailureGuard.Outcome third = second.failed(ip("192.0.2.1"), "carol", LIMITS);

        assertThat(third.lockout()).hasValueSatisfying(lockout -> assertThat(lockout.failures()).isEqualTo(3));
        assertThat(third.delay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(first.lockoutOf(ip("192.0.2.1"), "dave")).isEmpty();

        sync(secondCounts, store);
        sync(firstCounts, store);

        assertThat(first.learn(LIMITS)).extracting(Lockout::key).containsExactly("192.0.2.1");
        assertThat(first.lockoutOf(ip("192.0.2.1"), "dave")).isPresent();
        assertThat(second.learn(LIMITS)).isEmpty();
    }

    @Test
    void aRestartedNodeShouldLearnTheFailuresOfTheCurrentWindowAgain() throws Exception {
        MemoryStore store = new MemoryStore();
        SharedWindows counts = new SharedWindows(clock);
        AuthFailureGuard node = new AuthFailureGuard(clock, counts);
        node.failed(ip("192.0.2.1"), "alice", LIMITS);
        node.failed(ip("192.0.2.1"), "alice", LIMITS);
        sync(counts, store);

        SharedWindows restartedCounts = new SharedWindows(clock);
        AuthFailureGuard restarted = new AuthFailureGuard(clock, restartedCounts);
        sync(restartedCounts, store);

        assertThat(restarted.failed(ip("192.0.2.1"), "alice", LIMITS).lockout()).isPresent();
    }

    @Test
    void aLockoutLearnedAndLiftedShouldNotComeBackFromTheSameFailures() throws Exception {
        MemoryStore store = new MemoryStore();
        SharedWindows firstCounts = new SharedWindows(clock);
        SharedWindows secondCounts = new SharedWindows(clock);
        AuthFailureGuard first = new AuthFailureGuard(clock, firstCounts);
        AuthFailureGuard second = new AuthFailureGuard(clock, secondCounts);
        for (int i = 0; i < 3; i++) {
            first.failed(ip("192.0.2.1"), "alice", LIMITS);
        }
        sync(firstCounts, store);
        sync(secondCounts, store);
        assertThat(second.learn(LIMITS)).hasSize(1);

        assertThat(second.lift(Lockout.Scope.CLIENT, "192.0.2.1")).isTrue();
        sync(secondCounts, store);

        assertThat(second.learn(LIMITS)).isEmpty();
        assertThat(second.lockoutOf(ip("192.0.2.1"), "alice")).isEmpty();
        assertThat(first.lockoutOf(ip("192.0.2.1"), "alice")).isPresent();
    }

    private static void sync(SharedWindows counts, MemoryStore store) throws Exception {
        counts.sync(AuthFailureGuard.countedWindows(LIMITS), store);
    }

    @Test
    void ipv6ClientsShouldBeCountedByTheirSlash64() throws Exception {
        assertThat(AuthFailureGuard.networkOf(ip("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }
}
