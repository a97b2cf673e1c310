package org.jamesrelay.core;

/**
 * What happens to a sender or a recipient.
 */
public enum Verdict {
    /** MAIL FROM: the sender is accepted; recipients are decided one by one. */
    SENDER_ACCEPTED,
    /** RCPT TO: this server is the destination; James delivers locally. */
    LOCAL,
    /** RCPT TO: a relay domain (gateway, backup MX); accepted from anyone and forwarded, never delivered locally. */
    RELAY_DOMAIN,
    /** RCPT TO: an outside destination that this client may relay to. */
    RELAY,
    /** Refused for good (5xx). */
    DENY,
    /** Refused for now (4xx): the client should retry; used whenever the policy cannot be evaluated. */
    TEMPFAIL;

    public boolean isAccepted() {
        return this != DENY && this != TEMPFAIL;
    }
}
