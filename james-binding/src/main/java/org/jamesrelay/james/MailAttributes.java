package org.jamesrelay.james;

/**
 * Mail attributes by which the SMTP hooks pass session facts to the matchers and mailets, and that relayed mail
 * carries in the relay queue for the queue tools.
 */
public final class MailAttributes {
    /** Boolean: the SMTP session that received the mail was encrypted (STARTTLS or implicit TLS). */
    public static final String TLS = "org.jamesrelay.tls";
    /** String: the signature clamd found, for a mail the antivirus sends to quarantine. */
    public static final String VIRUS = "org.jamesrelay.virus";
    /** String: why the antivirus could not scan a mail it let through (on-failure=accept). */
    public static final String NOT_SCANNED = "org.jamesrelay.not-scanned";

    /** String: the last problem met while relaying the mail (a failed attempt, a loop, why it is undeliverable). */
    public static final String ROUTE_ERROR = "org.jamesrelay.route-error";
    /** String, an ISO-8601 instant: when the mail entered the relay queue first. */
    public static final String QUEUED_AT = "org.jamesrelay.queued-at";

    private MailAttributes() {
    }
}
