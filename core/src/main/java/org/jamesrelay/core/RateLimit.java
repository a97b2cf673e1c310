package org.jamesrelay.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One rate limit of the policy: {@code rate-limit NAME scope=SCOPE counts=WHAT max=COUNT[/WINDOW]}, e.g. at most
 * 200 messages an hour per login. Postfix's anvil limits ({@code smtpd_client_connection_count_limit},
 * {@code ..._connection_rate_limit}, {@code ..._message_rate_limit}, {@code ..._recipient_rate_limit}) are the
 * per-client ones; the others are per login, sender domain or relay domain, as relay services' sending quotas.
 */
public final class RateLimit {
    /** Whose events are counted together. */
    public enum Scope {
        CLIENT, NETWORK, LOGIN, SENDER_DOMAIN, RELAY_DOMAIN;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What is counted, and at which SMTP command it is refused. */
    public enum Counted {
        /** Connections at once: no window. Refused at connect. */
        SESSIONS,
        /** New connections in the window. Refused at connect. */
        CONNECTIONS,
        /** MAIL FROM commands. Refused at MAIL. */
        MESSAGES,
        /** RCPT TO commands, accepted or not, as Postfix counts them. Refused at RCPT. */
        RECIPIENTS,
        /** Message bytes. Counted and refused at the end of DATA. */
        BYTES;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<Scope> CONNECT_SCOPES = Set.of(Scope.CLIENT, Scope.NETWORK);

    private final String name;
    private final Scope scope;
    private final Counted counted;
    private final long max;
    private final Optional<Duration> window;

    public RateLimit(String name, Scope scope, Counted counted, long max, Optional<Duration> window) {
        checkName(name);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        if (counted == Counted.SESSIONS && window.isPresent()) {
            throw new IllegalArgumentException("counts=sessions is a number at once, without a window: max=COUNT");
        }
        if (counted != Counted.SESSIONS && window.isEmpty()) {
            throw new IllegalArgumentException("counts=" + counted.keyword() + " needs a window: max=COUNT/WINDOW");
        }
        if ((counted == Counted.SESSIONS || counted == Counted.CONNECTIONS) && !CONNECT_SCOPES.contains(scope)) {
            throw new IllegalArgumentException("counts=" + counted.keyword() + " is known at connect: scope=client or network only");
        }
        if (scope == Scope.RELAY_DOMAIN && counted != Counted.RECIPIENTS) {
            throw new IllegalArgumentException("scope=relay-domain counts the recipients of a domain: counts=recipients only");
        }
        this.name = name;
        this.scope = scope;
        this.counted = counted;
        this.max = max;
        this.window = window;
    }

    /** A name as the policy keeps it: lower case; letters, digits, '.', '_' and '-', at most 64. */
    public static String checkName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("rate limit name '" + Printable.of(name) + "' may only hold a-z, 0-9, '.', '_' and '-'");
        }
        return name;
    }

    static RateLimit parse(String name, Optional<String> scope, Optional<String> counted, Optional<String> max) {
        Scope parsedScope = choice(Scope.values(), Scope::keyword, "scope", scope);
        Counted parsedCounted = choice(Counted.values(), Counted::keyword, "counts", counted);
        String maxValue = max.orElseThrow(() -> new IllegalArgumentException("rate-limit needs max=COUNT/WINDOW (or max=COUNT for sessions)"));
        int slash = maxValue.indexOf('/');
        String count = slash < 0 ? maxValue : maxValue.substring(0, slash);
        Optional<Duration> window = slash < 0 ? Optional.empty() : Optional.of(PolicyUnits.duration(maxValue.substring(slash + 1)));
        return new RateLimit(name.toLowerCase(Locale.ROOT), parsedScope, parsedCounted, parsedCount(count, maxValue), window);
    }

    private static long parsedCount(String count, String maxValue) {
        try {
            return PolicyUnits.size(count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("max=" + Printable.of(maxValue) + " is not COUNT/WINDOW, like 200/1h");
        }
    }

    private static <E extends Enum<E>> E choice(E[] values, java.util.function.Function<E, String> keyword, String option, Optional<String> value) {
        String given = value.orElseThrow(() -> new IllegalArgumentException("rate-limit needs " + option + "="
            + Arrays.stream(values).map(keyword).collect(Collectors.joining("|"))));
        return Arrays.stream(values)
            .filter(choice -> keyword.apply(choice).equalsIgnoreCase(given))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(option + "=" + Printable.of(given) + " is not one of "
                + Arrays.stream(values).map(keyword).collect(Collectors.joining(", "))));
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    public Counted counted() {
        return counted;
    }

    public long max() {
        return max;
    }

    /** Empty for {@link Counted#SESSIONS}. */
    public Optional<Duration> window() {
        return window;
    }

    /**
     * The entry with its window in seconds ({@code max=200/3600s}), as WebAdmin has always shown it; the policy text is
     * written by {@link PolicyFileWriter#rateLimit}.
     */
    public String asEntry() {
        return "rate-limit " + name + " scope=" + scope.keyword() + " counts=" + counted.keyword() + " max=" + max
            + window.map(length -> "/" + length.toSeconds() + "s").orElse("");
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RateLimit) {
            RateLimit that = (RateLimit) o;
            return name.equals(that.name) && scope == that.scope && counted == that.counted && max == that.max && window.equals(that.window);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, scope, counted, max, window);
    }

    @Override
    public String toString() {
        return asEntry();
    }
}
