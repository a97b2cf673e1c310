package org.jamesrelay.core;

import java.util.Objects;

import java.time.Duration;

/**
 * The password-guessing defence: failed logins counted per client address, per client network and per login. Each
 * failure of a client is answered later than the one before; a client, network or login that reaches its threshold
 * is refused AUTH for the lockout time. A login's threshold is higher than a client's, so that a login guessed at
 * from many addresses is not locked as soon as one address is, and its owner gets in again when the lockout ends.
 */
public final class AuthFailureLimits {
    public static final FailureThreshold DEFAULT_PER_CLIENT = new FailureThreshold(10, Duration.ofMinutes(10));
    public static final FailureThreshold DEFAULT_PER_NETWORK = new FailureThreshold(30, Duration.ofMinutes(10));
    public static final FailureThreshold DEFAULT_PER_LOGIN = new FailureThreshold(50, Duration.ofMinutes(10));
    public static final Duration DEFAULT_LOCKOUT_TIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofSeconds(1);
    /** The longest delay a failure gets, however many came before. */
    public static final Duration LONGEST_DELAY = Duration.ofSeconds(10);
    /** The networks counted together: an IPv4 /24, an IPv6 /64 (one site). */
    public static final int IPV4_NETWORK_PREFIX = 24;
    public static final int IPV6_NETWORK_PREFIX = 64;
    public static final AuthFailureLimits DEFAULT = new AuthFailureLimits(DEFAULT_PER_CLIENT, DEFAULT_PER_NETWORK, DEFAULT_PER_LOGIN,
        DEFAULT_LOCKOUT_TIME, DEFAULT_FAILURE_DELAY);

    private final FailureThreshold perClient;
    private final FailureThreshold perNetwork;
    private final FailureThreshold perLogin;
    private final Duration lockoutTime;
    private final Duration failureDelay;

    public AuthFailureLimits(FailureThreshold perClient, FailureThreshold perNetwork, FailureThreshold perLogin, Duration lockoutTime,
                             Duration failureDelay) {
        this.perClient = perClient;
        this.perNetwork = perNetwork;
        this.perLogin = perLogin;
        this.lockoutTime = lockoutTime;
        this.failureDelay = failureDelay;
    }

    public FailureThreshold perClient() {
        return perClient;
    }

    public FailureThreshold perNetwork() {
        return perNetwork;
    }

    public FailureThreshold perLogin() {
        return perLogin;
    }

    public Duration lockoutTime() {
        return lockoutTime;
    }

    public Duration failureDelay() {
        return failureDelay;
    }

    /** The delay before a client's {@code failures}-th failure is answered: one step more each time, up to a bound. */
    public Duration delayOf(int failures) {
        Duration delay = failureDelay.multipliedBy(Math.max(0, failures));
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AuthFailureLimits) {
            AuthFailureLimits that = (AuthFailureLimits) o;
            return perClient.equals(that.perClient)
                && perNetwork.equals(that.perNetwork)
                && perLogin.equals(that.perLogin)
                && lockoutTime.equals(that.lockoutTime)
                && failureDelay.equals(that.failureDelay);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(perClient, perNetwork, perLogin, lockoutTime, failureDelay);
    }
}
