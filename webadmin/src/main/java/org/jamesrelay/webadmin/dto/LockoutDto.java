package org.jamesrelay.webadmin.dto;

/** A client address, network or login refused AUTH after too many failed logins, until {@code until}. */
public final class LockoutDto {
    private final String scope;
    private final String key;
    private final int failures;
    private final long windowSeconds;
    private final String until;
    private final long secondsLeft;

    public LockoutDto(String scope, String key, int failures, long windowSeconds, String until, long secondsLeft) {
        this.scope = scope;
        this.key = key;
        this.failures = failures;
        this.windowSeconds = windowSeconds;
        this.until = until;
        this.secondsLeft = secondsLeft;
    }

    /** {@code client}, {@code network} or {@code login}. */
    public String getScope() {
        return scope;
    }

    /** The address, the network ({@code 192.0.2.0/24}) or the login. */
    public String getKey() {
        return key;
    }

    /** The failed logins that caused it, within {@link #getWindowSeconds()}. */
    public int getFailures() {
        return failures;
    }

    public long getWindowSeconds() {
        return windowSeconds;
    }

    public String getUntil() {
        return until;
    }

    public long getSecondsLeft() {
        return secondsLeft;
    }
}
