package org.jamesrelay.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the DKIM signing keys are kept, private keys included, shared by every relay node that uses the same store so
 * that all of them sign with the same keys. Like the policy, the keys are kept as one text (the keyring format of
 * the dkim module), written whole and atomically, conditionally on the version the writer read, every write
 * recorded in the audit trail. The store never logs or returns the text except through {@link #read()}; audit
 * entries carry what the writer put in them, which must describe keys by their public fingerprint only.
 */
public interface DkimKeyStore extends AutoCloseable {
    /** The stored keys, or empty when none were ever written. */
    Optional<StoredKeys> read() throws PolicyStoreException;

    /**
     * Replaces the keys, if they are still at {@code expectedVersion} ({@link StoredKeys#NO_VERSION} when none are
     * stored), and records the change.
     *
     * @throws VersionConflictException when the stored keys changed since {@code expectedVersion}
     */
    StoredKeys write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException;

    /** The recorded changes, newest first, at most {@code limit}. */
    List<AuditEntry> audit(int limit) throws PolicyStoreException;

    /** Releases what the store holds (a session, connections); nothing by default. */
    @Override
    default void close() {
    }
}
