package org.jamesrelay.james;

import org.jamesrelay.store.PolicyStoreException;

/** The stored policy could not be read during a pass of a {@link org.jamesrelay.core.PolicyDocument} over it. */
public final class UnreadableStoreException extends RuntimeException {
    UnreadableStoreException(PolicyStoreException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    public PolicyStoreException storeFailure() {
        return (PolicyStoreException) getCause();
    }
}
