package org.jamesrelay.james;

/**
 * The relay policy cannot be used. Thrown while James starts, it stops the server with this message.
 */
public final class InvalidPolicyException extends RuntimeException {
    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
