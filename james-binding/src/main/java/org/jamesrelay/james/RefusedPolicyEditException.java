package org.jamesrelay.james;

/**
 * A change that makes a valid policy but one that conflicts with this server: a relay domain that James serves as a
 * local domain, a route back to this server's own SMTP listeners, a policy left without entries. Nothing was written.
 */
public final class RefusedPolicyEditException extends Exception {
    RefusedPolicyEditException(String message) {
        super(message);
    }
}
