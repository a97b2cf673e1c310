package org.jamesrelay.store;

/**
 * The store cannot do what was asked: it is unreachable, or its content cannot be read.
 */
public class PolicyStoreException extends Exception {
    public PolicyStoreException(String message) {
        super(message);
    }

    public PolicyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
