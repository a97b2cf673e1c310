package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.RateLimit;

/** One {@code rate-limit} entry of the policy. */
public final class RateLimitDto {
    private final String name;
    private final String scope;
    private final String counts;
    private final long max;
    private final Long windowSeconds;
    private final String entry;

    public RateLimitDto(RateLimit limit) {
        this.name = limit.name();
        this.scope = limit.scope().keyword();
        this.counts = limit.counted().keyword();
        this.max = limit.max();
        this.windowSeconds = limit.window().map(window -> window.toSeconds()).orElse(null);
        this.entry = limit.asEntry();
    }

    public String getName() {
        return name;
    }

    public String getScope() {
        return scope;
    }

    public String getCounts() {
        return counts;
    }

    public long getMax() {
        return max;
    }

    /** Null for {@code counts=sessions}. */
    public Long getWindowSeconds() {
        return windowSeconds;
    }

    public String getEntry() {
        return entry;
    }
}
