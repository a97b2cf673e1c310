package org.jamesrelay.core;

/**
 * Which clients the abuse limits spare (Postfix {@code smtpd_client_event_limit_exceptions}, {@code $mynetworks} by
 * default). In Postfix the error limits apply to every client; here the same entry decides for all limits, so that a
 * trusted application that sends many mails, or makes many errors, is not cut unless the operator asks for it.
 */
public enum LimitExceptions {
    TRUSTED_NETWORKS("trusted-networks"),
    NONE("none");

    private final String keyword;

    LimitExceptions(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean exempts(boolean trustedClient) {
        return this == TRUSTED_NETWORKS && trustedClient;
    }
}
