package org.jamesrelay.store;

import java.util.List;
import java.util.Optional;

/**
 * A store of one text, written whole and atomically (a reader never sees half of a change), each write conditional on
 * the version the writer read, so that two writers cannot overwrite each other's changes, and recorded in an audit
 * trail.
 *
 * @param <T> the kind of text stored
 */
public interface VersionedTextStore<T extends StoredText> extends AutoCloseable {
    /**
     * The stored text, or empty when none was ever written.
     *
     * @throws PolicyStoreException when the store cannot be read (unreachable, unreadable)
     */
    Optional<T> read() throws PolicyStoreException;

    /**
     * The version of the stored text, {@link StoredText#NO_VERSION} when none is stored: what a reader polls to learn
     * whether to read the text again, so its cost must not grow with the text where the store can help it. This
     * default reads the whole text.
     *
     * @throws PolicyStoreException when the store cannot be read (unreachable, unreadable)
     */
    default long version() throws PolicyStoreException {
        return read().map(StoredText::version).orElse(StoredText.NO_VERSION);
    }

    /**
     * Replaces the text, if it is still at {@code expectedVersion} ({@link StoredText#NO_VERSION} when none is stored),
     * and records the change.
     *
     * @return the text as now stored, with its new version
     * @throws VersionConflictException when the stored text changed since {@code expectedVersion}
     */
    T write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException;

    /** The recorded changes, newest first, at most {@code limit}. */
    List<AuditEntry> audit(int limit) throws PolicyStoreException;

    /** Releases what the store holds (a session, connections); nothing by default. */
    @Override
    default void close() {
    }
}
