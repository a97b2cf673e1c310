package org.jamesrelay.store;

/**
 * The stored policy changed since the writer read it; the writer must read again and redo its change.
 */
public final class VersionConflictException extends PolicyStoreException {
    public VersionConflictException(long expectedVersion, long actualVersion) {
        super("the policy changed meanwhile: expected version " + expectedVersion + ", found " + actualVersion);
    }
}
