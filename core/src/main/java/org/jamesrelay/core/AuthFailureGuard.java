package org.jamesrelay.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Counts failed logins per client address, per client network and per login, and locks out those that reach their
 * {@link AuthFailureLimits}. Shared by every SMTP session of this node; the limits are passed at each call so that a
 * policy change applies to the next login.
 * <p>
 * The failures are counted in {@link SharedWindows}, over the last window length ({@link SlidingCount}): in a cluster, synced with the other nodes' like the rate limits,
 * so that a node decides on the cluster's failures, and {@link #learn} locks out on this node what the other nodes'
 * failures took to a threshold; a restarted node learns the counts of the current windows again. Lockouts are this
 * node's: a node that locks out (or lifts a lockout, or sees a login succeed) stops counting the failures that came
 * before, by remembering the count it saw then for the rest of the window.
 */
public final class AuthFailureGuard {
    private final Clock clock;
    private final SharedWindows failures;
    private final ConcurrentHashMap<String, Lockout> lockouts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Forgotten> forgotten = new ConcurrentHashMap<>();

    /** A guard of one node. */
    public AuthFailureGuard(Clock clock) {
        this(clock, new SharedWindows(clock));
    }

    /** A guard whose failure counts are those of {@code failures}, synced with the other nodes by its owner. */
    public AuthFailureGuard(Clock clock, SharedWindows failures) {
        this.clock = clock;
        this.failures = failures;
    }

    /** The failures of a key this node no longer counts: those of {@code count}, counted in windows of {@code length}. */
    private static final class Forgotten {
        final Duration length;
        final SlidingCount count;

        Forgotten(Duration length, SlidingCount count) {
            this.length = length;
            this.count = count;
        }
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

    /** The names under which the failures of each scope are counted, with their windows: what a sync sends. */
    public static Map<String, Duration> countedWindows(AuthFailureLimits limits) {
        Map<String, Duration> windows = new LinkedHashMap<>();
        for (Lockout.Scope scope : Lockout.Scope.values()) {
            windows.put(countsName(scope), thresholdOf(scope, limits).window());
        }
        return windows;
    }

    /** The lockout that refuses this client, or this login, AUTH now, if any. */
    public Optional<Lockout> lockoutOf(InetAddress client, String login) {
        Instant now = clock.instant();
        return active(Lockout.Scope.CLIENT, client.getHostAddress(), now)
            .or(() -> active(Lockout.Scope.NETWORK, networkOf(client), now))
            .or(() -> active(Lockout.Scope.LOGIN, normalized(login), now));
    }

    public Outcome failed(InetAddress client, String login, AuthFailureLimits limits) {
        long clientFailures = count(Lockout.Scope.CLIENT, client.getHostAddress(), limits);
        long networkFailures = count(Lockout.Scope.NETWORK, networkOf(client), limits);
        long loginFailures = count(Lockout.Scope.LOGIN, normalized(login), limits);
        Optional<Lockout> lockout = lockIfReached(Lockout.Scope.CLIENT, client.getHostAddress(), clientFailures, limits)
            .or(() -> lockIfReached(Lockout.Scope.NETWORK, networkOf(client), networkFailures, limits))
            .or(() -> lockIfReached(Lockout.Scope.LOGIN, normalized(login), loginFailures, limits));
        return new Outcome(limits.delayOf((int) Math.min(clientFailures, Integer.MAX_VALUE)), lockout);
    }

    /**
     * Locks out on this node the keys whose failures, counted by all nodes as of the last sync, reached their
     * threshold; answers the new lockouts.
     */
    public List<Lockout> learn(AuthFailureLimits limits) {
        List<Lockout> learned = new ArrayList<>();
        Instant now = clock.instant();
        for (Lockout.Scope scope : Lockout.Scope.values()) {
            Duration window = thresholdOf(scope, limits).window();
            failures.slidingCounts(countsName(scope), window).forEach((key, count) -> {
                if (active(scope, key, now).isEmpty()) {
                    lockIfReached(scope, key, notForgotten(scope, key, count), limits).ifPresent(learned::add);
                }
            });
        }
        return learned;
    }

    /**
     * The failures of {@code key} this node counts over the last window length (see {@link SlidingCount}), the other
     * nodes' as of the last sync included.
     */
    public long failures(Lockout.Scope scope, String key, AuthFailureLimits limits) {
        String normalized = scope == Lockout.Scope.LOGIN ? normalized(key) : key;
        return notForgotten(scope, normalized, failures.sliding(countsName(scope), thresholdOf(scope, limits).window(), normalized));
    }

    /** A login succeeded: this node stops counting this address's failures; other addresses, its network and the login keep theirs. */
    public void succeeded(InetAddress client, AuthFailureLimits limits) {
        forget(Lockout.Scope.CLIENT, client.getHostAddress(), limits.perClient().window());
    }

    /** The lockouts in force on this node, the one that ends first first. */
    public List<Lockout> lockouts() {
        Instant now = clock.instant();
        lockouts.values().removeIf(lockout -> !lockout.until().isAfter(now));
        return lockouts.values().stream()
            .sorted(Comparator.comparing(Lockout::until))
            .collect(Collectors.toUnmodifiableList());
    }

    /** Lifts a lockout on this node and forgets the failures that caused it; false when there was none. */
    public boolean lift(Lockout.Scope scope, String key) {
        String normalized = scope == Lockout.Scope.LOGIN ? normalized(key) : key;
        Lockout lifted = lockouts.remove(counterKey(scope, normalized));
        if (lifted == null) {
            return false;
        }
        forget(scope, normalized, lifted.window());
        return true;
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

    /** Counts one failure of {@code key}; answers the failures this node counts for it over the last window length. */
    private long count(Lockout.Scope scope, String key, AuthFailureLimits limits) {
        Duration window = thresholdOf(scope, limits).window();
        failures.add(countsName(scope), window, key, 1);
        return notForgotten(scope, key, failures.sliding(countsName(scope), window, key));
    }

    private Optional<Lockout> lockIfReached(Lockout.Scope scope, String key, long count, AuthFailureLimits limits) {
        FailureThreshold threshold = thresholdOf(scope, limits);
        if (count < threshold.count()) {
            return Optional.empty();
        }
        Lockout lockout = new Lockout(scope, key, (int) Math.min(count, Integer.MAX_VALUE), threshold.window(),
            clock.instant().plus(limits.lockoutTime()));
        lockouts.put(counterKey(scope, key), lockout);
        forget(scope, key, threshold.window());
        return Optional.of(lockout);
    }

    private void forget(Lockout.Scope scope, String key, Duration window) {
        forgotten.values().removeIf(past -> past.count.window() < windowOf(past.length) - 1);
        forgotten.put(counterKey(scope, key), new Forgotten(window, failures.sliding(countsName(scope), window, key)));
    }

    private long notForgotten(Lockout.Scope scope, String key, SlidingCount count) {
        Forgotten past = forgotten.get(counterKey(scope, key));
        return (past == null ? count : count.without(past.count)).estimate();
    }

    private long windowOf(Duration window) {
        return clock.millis() / window.toMillis();
    }

    private Optional<Lockout> active(Lockout.Scope scope, String key, Instant now) {
        return Optional.ofNullable(lockouts.get(counterKey(scope, key)))
            .filter(lockout -> lockout.until().isAfter(now));
    }

    private static FailureThreshold thresholdOf(Lockout.Scope scope, AuthFailureLimits limits) {
        switch (scope) {
            case CLIENT:
                return limits.perClient();
            case NETWORK:
                return limits.perNetwork();
            default:
                return limits.perLogin();
        }
    }

    private static String countsName(Lockout.Scope scope) {
        return "auth-failures/" + scope.keyword();
    }

    private static String counterKey(Lockout.Scope scope, String key) {
        return scope.keyword() + ":" + key;
    }

    private static String normalized(String login) {
        return login.toLowerCase(Locale.ROOT);
    }
}
