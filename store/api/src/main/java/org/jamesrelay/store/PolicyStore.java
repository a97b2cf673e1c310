package org.jamesrelay.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the relay policy is kept, shared by every relay node that uses the same store. The policy is kept as its
 * text (the policy file format), written whole and atomically: a reader never sees half of a change. Writes are
 * conditional on the version the writer read, so two administrators cannot overwrite each other's changes.
 * Every write is recorded in the audit trail.
 */
public interface PolicyStore extends AutoCloseable {
    /**
     * The stored policy, or empty when none was ever written.
     *
     * @throws PolicyStoreException when the store cannot be read (unreachable, unreadable)
     */
    Optional<StoredPolicy> read() throws PolicyStoreException;

    /**
     * Replaces the policy, if it is still at {@code expectedVersion} ({@link StoredPolicy#NO_VERSION} when none
     * is stored), and records the change.
     *
     * @return the policy as now stored, with its new version
     * @throws VersionConflictException when the stored policy changed since {@code expectedVersion}
     */
    StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException;

    /** The recorded changes, newest first, at most {@code limit}. */
    List<AuditEntry> audit(int limit) throws PolicyStoreException;

    /** Rate-limit counts shared through this store, when it is shared by several nodes; empty by default. */
    default Optional<SharedCounters> sharedCounters() {
        return Optional.empty();
    }

    /** Releases what the store holds (a session, connections); nothing by default. */
    @Override
    default void close() {
    }
}
