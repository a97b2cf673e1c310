package org.jamesrelay.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A client address, network or login refused AUTH until a given time, after too many failed logins. */
public final class Lockout {
    public enum Scope {
        CLIENT, NETWORK, LOGIN;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Scope scope;
    private final String key;
    private final int failures;
    private final Duration window;
    private final Instant until;

    public Lockout(Scope scope, String key, int failures, Duration window, Instant until) {
        this.scope = scope;
        this.key = key;
        this.failures = failures;
        this.window = window;
        this.until = until;
    }

    public Scope scope() {
        return scope;
    }

    public String key() {
        return key;
    }

    public int failures() {
        return failures;
    }

    public Duration window() {
        return window;
    }

    public Instant until() {
        return until;
    }

    /** Whole seconds left, at least 1 while it lasts. */
    public long secondsLeft(Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Why AUTH is refused, for the SMTP reply. */
    public String reason() {
        return "too many failed logins from this " + (scope == Scope.LOGIN ? "login" : scope == Scope.NETWORK ? "network" : "address");
    }
}
