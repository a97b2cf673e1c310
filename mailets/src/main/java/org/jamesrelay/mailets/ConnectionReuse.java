package org.jamesrelay.mailets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.util.DurationParser;
import org.apache.mailet.MailetConfig;

/**
 * How open SMTP sessions to a next hop are kept and reused between mails, the {@code RouteDelivery} parameters modelled
 * on Postfix's SMTP connection cache ({@code smtp_connection_cache_on_demand}, {@code smtp_connection_cache_time_limit},
 * {@code smtp_connection_reuse_time_limit}, {@code smtp_connection_reuse_count_limit}).
 */
final class ConnectionReuse {
    static final String ENABLED = "connectionCache";
    static final String SESSIONS_PER_HOP = "connectionCacheSize";
    static final String IDLE_LIMIT = "connectionCacheTimeLimit";
    static final String AGE_LIMIT = "connectionReuseTimeLimit";
    static final String REUSE_COUNT_LIMIT = "connectionReuseCountLimit";
    static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(2);
    static final Duration DEFAULT_AGE_LIMIT = Duration.ofSeconds(300);
    /** No limit, as Postfix: the age limit ends a session that is never idle. */
    static final int DEFAULT_REUSE_COUNT_LIMIT = 0;

    private final boolean enabled;
    private final int sessionsPerHop;
    private final Duration idleLimit;
    private final Duration ageLimit;
    private final int reuseCountLimit;

    ConnectionReuse(boolean enabled, int sessionsPerHop, Duration idleLimit, Duration ageLimit, int reuseCountLimit) {
        if (sessionsPerHop < 1 || reuseCountLimit < 0 || idleLimit.isNegative() || ageLimit.isNegative()) {
            throw new IllegalArgumentException("connection reuse limits must not be negative, and at least one session per hop");
        }
        this.enabled = enabled;
        this.sessionsPerHop = sessionsPerHop;
        this.idleLimit = idleLimit;
        this.ageLimit = ageLimit;
        this.reuseCountLimit = reuseCountLimit;
    }

    /** Reads the parameters; {@code defaultSessionsPerHop} is the number of deliveries a transport may run at once. */
    static ConnectionReuse of(MailetConfig config, int defaultSessionsPerHop) throws MessagingException {
        boolean enabled = Boolean.parseBoolean(parameter(config, ENABLED).orElse("true"));
        int sessionsPerHop = number(config, SESSIONS_PER_HOP, defaultSessionsPerHop);
        if (sessionsPerHop < 1) {
            throw new MessagingException("RouteDelivery: <" + SESSIONS_PER_HOP + "> must be at least 1, got " + sessionsPerHop);
        }
        int reuseCountLimit = number(config, REUSE_COUNT_LIMIT, DEFAULT_REUSE_COUNT_LIMIT);
        if (reuseCountLimit < 0) {
            throw new MessagingException("RouteDelivery: <" + REUSE_COUNT_LIMIT + "> must be 0 (no limit) or more, got " + reuseCountLimit);
        }
        return new ConnectionReuse(enabled, sessionsPerHop, duration(config, IDLE_LIMIT, DEFAULT_IDLE_LIMIT),
            duration(config, AGE_LIMIT, DEFAULT_AGE_LIMIT), reuseCountLimit);
    }

    private static Optional<String> parameter(MailetConfig config, String name) {
        return Optional.ofNullable(config.getInitParameter(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int number(MailetConfig config, String name, int defaultValue) throws MessagingException {
        Optional<String> value = parameter(config, name);
        try {
            return value.isPresent() ? Integer.parseInt(value.get()) : defaultValue;
        } catch (NumberFormatException e) {
            throw new MessagingException("RouteDelivery: <" + name + "> must be a number, got '" + value.get() + "'");
        }
    }

    /** A time as Postfix writes it, seconds by default: {@code 2s}, {@code 300}, {@code 5m}. */
    private static Duration duration(MailetConfig config, String name, Duration defaultValue) throws MessagingException {
        Optional<String> value = parameter(config, name);
        try {
            return value.isPresent() ? DurationParser.parse(value.get(), ChronoUnit.SECONDS) : defaultValue;
        } catch (IllegalArgumentException e) {
            throw new MessagingException("RouteDelivery: <" + name + "> must be a time such as 2s or 5m, got '" + value.get() + "'");
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** At most so many idle sessions are kept per next hop. */
    int sessionsPerHop() {
        return sessionsPerHop;
    }

    /** An idle session is closed after this long. */
    Duration idleLimit() {
        return idleLimit;
    }

    /** A session is not used for another mail once it is this old. */
    Duration ageLimit() {
        return ageLimit;
    }

    /** How many times a session may be reused after its first mail; 0 for no limit. */
    int reuseCountLimit() {
        return reuseCountLimit;
    }

    @Override
    public String toString() {
        return enabled
            ? "up to " + sessionsPerHop + " idle sessions per hop, idle " + idleLimit.toSeconds() + "s, age "
                + ageLimit.toSeconds() + "s, " + (reuseCountLimit == 0 ? "unlimited" : String.valueOf(reuseCountLimit)) + " reuses"
            : "off";
    }
}
