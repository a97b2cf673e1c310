package org.jamesrelay.james;

/** WebAdmin is configured so that anyone who reaches it could change the relay: James Relay does not start. */
public final class UnsafeAdminPlaneException extends RuntimeException {
    UnsafeAdminPlaneException(String message) {
        super(message);
    }
}
