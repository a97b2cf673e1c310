package org.jamesrelay.dkim;

/** A mail could not be signed; the message never holds key material. */
public final class DkimSigningException extends Exception {
    public DkimSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
