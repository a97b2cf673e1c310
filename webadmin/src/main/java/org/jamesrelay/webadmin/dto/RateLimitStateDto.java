package org.jamesrelay.webadmin.dto;

/** One rate limit that applies to an explained envelope, with the current count of its key on this node. */
public final class RateLimitStateDto {
    private final String name;
    private final String entry;
    private final String key;
    private final long count;
    private final long max;
    private final Long windowSeconds;

    public RateLimitStateDto(String name, String entry, String key, long count, long max, Long windowSeconds) {
        this.name = name;
        this.entry = entry;
        this.key = key;
        this.count = count;
        this.max = max;
        this.windowSeconds = windowSeconds;
    }

    public String getName() {
        return name;
    }

    /** The policy entry. */
    public String getEntry() {
        return entry;
    }

    /** What is counted together: the address, network, login or domain. */
    public String getKey() {
        return key;
    }

    /** In the current window, or sessions open now. */
    public long getCount() {
        return count;
    }

    public long getMax() {
        return max;
    }

    /** Null for sessions at once. */
    public Long getWindowSeconds() {
        return windowSeconds;
    }
}
