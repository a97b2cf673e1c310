package org.jamesrelay.core;

/**
 * What a route demands of TLS toward its next hops (Postfix {@code smtp_tls_security_level}).
 */
public enum TlsPolicy {
    /** Never STARTTLS. */
    NONE("none"),
    /** STARTTLS when the next hop offers it, any certificate accepted; clear text otherwise. */
    MAY("may"),
    /** STARTTLS or no delivery; any certificate accepted. */
    ENCRYPT("encrypt"),
    /** STARTTLS or no delivery, with a certificate the JVM trusts that names the next hop. */
    VERIFY("verify");

    private final String keyword;

    TlsPolicy(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public boolean isMandatory() {
        return this == ENCRYPT || this == VERIFY;
    }
}
