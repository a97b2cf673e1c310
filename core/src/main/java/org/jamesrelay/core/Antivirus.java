package org.jamesrelay.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code antivirus} entry: every mail is scanned by clamd at the end of DATA.
 */
public final class Antivirus {
    public enum OnFailure {
        /** clamd down, slow or confused: {@code 451 4.7.1}, the client tries again later. Nothing unscanned passes. */
        TEMPFAIL("tempfail"),
        /** clamd down, slow or confused: the mail passes unscanned, with a header and a log line saying so. */
        ACCEPT("accept");

        private final String keyword;

        OnFailure(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final NextHop clamd;
    private final Duration timeout;
    private final FilterAction onVirus;
    private final OnFailure onFailure;

    public Antivirus(NextHop clamd, Duration timeout, FilterAction onVirus, OnFailure onFailure) {
        this.clamd = Objects.requireNonNull(clamd);
        this.timeout = Objects.requireNonNull(timeout);
        this.onVirus = Objects.requireNonNull(onVirus);
        this.onFailure = Objects.requireNonNull(onFailure);
        if (onVirus == FilterAction.STRIP) {
            throw new IllegalArgumentException("on-virus=strip is not supported: reject or quarantine");
        }
    }

    public NextHop clamd() {
        return clamd;
    }

    public Duration timeout() {
        return timeout;
    }

    public FilterAction onVirus() {
        return onVirus;
    }

    public OnFailure onFailure() {
        return onFailure;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Antivirus) {
            Antivirus that = (Antivirus) o;
            return clamd.equals(that.clamd)
                && timeout.equals(that.timeout)
                && onVirus == that.onVirus
                && onFailure == that.onFailure;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clamd, timeout, onVirus, onFailure);
    }
}
