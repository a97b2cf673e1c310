package org.jamesrelay.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Counts failed logins per client address, per client network and per login, and locks out those that reach their
 * {@link AuthFailureLimits}. Shared by every SMTP session of this node; the limits are passed at each call so that a
 * policy change applies to the next login.
 */
public final class AuthFailureGuard {
    private final Clock clock;
    private final WindowedCounters failures;
    private final ConcurrentHashMap<String, Lockout> lockouts = new ConcurrentHashMap<>();

    public AuthFailureGuard(Clock clock) {
        this.clock = clock;
        this.failures = new WindowedCounters(clock);
    }

    /** What follows a failed login: how long to wait before answering, and the lockout it caused, if any. */
    public static final class Outcome {
        private final Duration delay;
        private final Optional<Lockout> lockout;

        Outcome(Duration delay, Optional<Lockout> lockout) {
            this.delay = delay;
            this.lockout = lockout;
        }

        public Duration delay() {
            return delay;
        }

        public Optional<Lockout> lockout() {
            return lockout;
        }
    }

    /** The lockout that refuses this client, or this login, AUTH now, if any. */
    public Optional<Lockout> lockoutOf(InetAddress client, String login) {
        Instant now = clock.instant();
        return active(Lockout.Scope.CLIENT, client.getHostAddress(), now)
            .or(() -> active(Lockout.Scope.NETWORK, networkOf(client), now))
            .or(() -> active(Lockout.Scope.LOGIN, normalized(login), now));
    }

    public Outcome failed(InetAddress client, String login, AuthFailureLimits limits) {
        int clientFailures = count(Lockout.Scope.CLIENT, client.getHostAddress(), limits.perClient());
        int networkFailures = count(Lockout.Scope.NETWORK, networkOf(client), limits.perNetwork());
        int loginFailures = count(Lockout.Scope.LOGIN, normalized(login), limits.perLogin());
        Optional<Lockout> lockout = lockIfReached(Lockout.Scope.CLIENT, client.getHostAddress(), clientFailures, limits.perClient(), limits)
            .or(() -> lockIfReached(Lockout.Scope.NETWORK, networkOf(client), networkFailures, limits.perNetwork(), limits))
            .or(() -> lockIfReached(Lockout.Scope.LOGIN, normalized(login), loginFailures, limits.perLogin(), limits));
        return new Outcome(limits.delayOf(clientFailures), lockout);
    }

    /** A login succeeded: this address starts again from zero; other addresses, its network and the login keep theirs. */
    public void succeeded(InetAddress client) {
        failures.reset(counterKey(Lockout.Scope.CLIENT, client.getHostAddress()));
    }

    /** The lockouts in force, the one that ends first first. */
    public List<Lockout> lockouts() {
        Instant now = clock.instant();
        lockouts.values().removeIf(lockout -> !lockout.until().isAfter(now));
        return lockouts.values().stream()
            .sorted(Comparator.comparing(Lockout::until))
            .collect(Collectors.toUnmodifiableList());
    }

    /** Lifts a lockout and forgets the failures that caused it; false when there was none. */
    public boolean lift(Lockout.Scope scope, String key) {
        String normalized = scope == Lockout.Scope.LOGIN ? normalized(key) : key;
        failures.reset(counterKey(scope, normalized));
        return lockouts.remove(counterKey(scope, normalized)) != null;
    }

    /** The network a client is counted with: its /24 (IPv4) or /64 (IPv6). */
    public static String networkOf(InetAddress client) {
        byte[] bytes = client.getAddress();
        int prefix = bytes.length == 4 ? AuthFailureLimits.IPV4_NETWORK_PREFIX : AuthFailureLimits.IPV6_NETWORK_PREFIX;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private int count(Lockout.Scope scope, String key, FailureThreshold threshold) {
        return failures.increment(counterKey(scope, key), threshold.window());
    }

    private Optional<Lockout> lockIfReached(Lockout.Scope scope, String key, int count, FailureThreshold threshold, AuthFailureLimits limits) {
        if (count < threshold.count()) {
            return Optional.empty();
        }
        Lockout lockout = new Lockout(scope, key, count, threshold.window(), clock.instant().plus(limits.lockoutTime()));
        lockouts.put(counterKey(scope, key), lockout);
        failures.reset(counterKey(scope, key));
        return Optional.of(lockout);
    }

    private Optional<Lockout> active(Lockout.Scope scope, String key, Instant now) {
        return Optional.ofNullable(lockouts.get(counterKey(scope, key)))
            .filter(lockout -> lockout.until().isAfter(now));
    }

    private static String counterKey(Lockout.Scope scope, String key) {
        return scope.keyword() + ":" + key;
    }

    private static String normalized(String login) {
        return login.toLowerCase(Locale.ROOT);
    }
}
