package org.jamesrelay.core;

import java.util.Objects;

/**
 * Whether clients that authenticated (SMTP AUTH) may relay: Postfix {@code permit_sasl_authenticated}, with
 * {@code tls-only} refusing it on a session that is not encrypted.
 */
public final class AuthenticatedRelay {
    public enum Mode {
        ALLOW("allow"), TLS_ONLY("tls-only"), OFF("off");

        private final String keyword;

        Mode(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public static final AuthenticatedRelay DEFAULT = new AuthenticatedRelay(Mode.ALLOW, false);
    public static final String RULE_ID = "authenticated-relay";

    private final Mode mode;
    private final boolean servedSendersOnly;

    public AuthenticatedRelay(Mode mode, boolean servedSendersOnly) {
        this.mode = mode;
        this.servedSendersOnly = servedSendersOnly;
    }

    public Mode mode() {
        return mode;
    }

    public boolean servedSendersOnly() {
        return servedSendersOnly;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AuthenticatedRelay) {
            AuthenticatedRelay that = (AuthenticatedRelay) o;
            return mode == that.mode
                && servedSendersOnly == that.servedSendersOnly;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, servedSendersOnly);
    }
}
