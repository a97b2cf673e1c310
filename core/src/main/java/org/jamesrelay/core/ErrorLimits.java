package org.jamesrelay.core;

import java.util.Objects;

import java.time.Duration;

/**
 * How many refused commands one SMTP session may make (Postfix {@code smtpd_soft_error_limit},
 * {@code smtpd_error_sleep_time}, {@code smtpd_hard_error_limit}, {@code smtpd_junk_command_limit}): past the soft
 * limit each further error is slowed down, at the hard limit the session ends. Counts start again once the session
 * has delivered a message, as in Postfix ("errors ... without delivering mail").
 */
public final class ErrorLimits {
    public static final int DEFAULT_SOFT_LIMIT = 10;
    public static final int DEFAULT_HARD_LIMIT = 20;
    public static final Duration DEFAULT_SLEEP_TIME = Duration.ofSeconds(1);
    public static final int DEFAULT_JUNK_COMMAND_LIMIT = 100;
    public static final ErrorLimits DEFAULT = new ErrorLimits(DEFAULT_SOFT_LIMIT, DEFAULT_HARD_LIMIT, DEFAULT_SLEEP_TIME,
        DEFAULT_JUNK_COMMAND_LIMIT);

    private final int softLimit;
    private final int hardLimit;
    private final Duration sleepTime;
    private final int junkCommandLimit;

    public ErrorLimits(int softLimit, int hardLimit, Duration sleepTime, int junkCommandLimit) {
        if (softLimit < 1 || hardLimit < 1 || junkCommandLimit < 1) {
            throw new IllegalArgumentException("error limits must be at least 1");
        }
        if (softLimit > hardLimit) {
            throw new IllegalArgumentException("soft-error-limit " + softLimit + " is above hard-error-limit " + hardLimit);
        }
        this.softLimit = softLimit;
        this.hardLimit = hardLimit;
        this.sleepTime = sleepTime;
        this.junkCommandLimit = junkCommandLimit;
    }

    public int softLimit() {
        return softLimit;
    }

    public int hardLimit() {
        return hardLimit;
    }

    public Duration sleepTime() {
        return sleepTime;
    }

    public int junkCommandLimit() {
        return junkCommandLimit;
    }

    /** The session ends once it has made this many errors. */
    public boolean ends(int errors) {
        return errors >= hardLimit;
    }

    /** How long to wait before reading the next command of a session that has made this many errors. */
    public Duration delay(int errors) {
        return errors > softLimit ? sleepTime : Duration.ZERO;
    }

    /** A junk command (NOOP, VRFY, RSET, HELP) beyond the limit counts as an error. */
    public boolean junkIsError(int junkCommands) {
        return junkCommands > junkCommandLimit;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ErrorLimits) {
            ErrorLimits that = (ErrorLimits) o;
            return softLimit == that.softLimit
                && hardLimit == that.hardLimit
                && sleepTime.equals(that.sleepTime)
                && junkCommandLimit == that.junkCommandLimit;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(softLimit, hardLimit, sleepTime, junkCommandLimit);
    }
}
