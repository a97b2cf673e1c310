package org.jamesrelay.james;

/**
 * Mail attributes by which the SMTP hooks pass session facts to the matchers.
 */
public final class MailAttributes {
    /** Boolean: the SMTP session that received the mail was encrypted (STARTTLS or implicit TLS). */
    public static final String TLS = "org.jamesrelay.tls";

    private MailAttributes() {
    }
}
