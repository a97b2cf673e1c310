package org.jamesrelay.core;

/**
 * An envelope address that cannot be read; the message says why, in words fit for an SMTP reply.
 */
public final class AddressSyntaxException extends Exception {
    public AddressSyntaxException(String message) {
        super(message);
    }
}
