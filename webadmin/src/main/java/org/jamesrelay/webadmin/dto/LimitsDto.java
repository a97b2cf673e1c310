package org.jamesrelay.webadmin.dto;

import java.util.List;

/** The abuse limits an explained client meets on this node. */
public final class LimitsDto {
    private final boolean exempt;
    private final String errorLimits;
    private final String lockout;
    private final String failedLogins;
    private final List<RateLimitStateDto> rateLimits;

    public LimitsDto(boolean exempt, String errorLimits, String lockout, String failedLogins, List<RateLimitStateDto> rateLimits) {
        this.exempt = exempt;
        this.errorLimits = errorLimits;
        this.lockout = lockout;
        this.failedLogins = failedLogins;
        this.rateLimits = List.copyOf(rateLimits);
    }

    /** Spared by {@code limit-exceptions}: none of the limits below apply. */
    public boolean isExempt() {
        return exempt;
    }

    /** {@code soft 10, hard 20, sleep 1s, junk 100}. */
    public String getErrorLimits() {
        return errorLimits;
    }

    /** The lockout that refuses AUTH to this client or login now, or null. */
    public String getLockout() {
        return lockout;
    }

    /** {@code client 3/10, network 3/30, login 0/50}: failed logins in the current windows and their thresholds, or null. */
    public String getFailedLogins() {
        return failedLogins;
    }

    public List<RateLimitStateDto> getRateLimits() {
        return rateLimits;
    }
}
