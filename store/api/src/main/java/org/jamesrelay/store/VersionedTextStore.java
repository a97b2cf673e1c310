package org.jamesrelay.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.TextDiff;

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
     * Reads the stored text through {@code reading}, streamed where the store can (a policy file of millions of lines
     * is then never held whole), with the version of exactly the text it read, even when the text changes meanwhile.
     * Empty when none is stored. This default reads the whole text.
     *
     * @throws PolicyStoreException when the store cannot be read (unreachable, unreadable)
     * @throws E when {@code reading} fails on the text
     */
    default <R, E extends Exception> Optional<Versioned<R>> read(TextReading<R, E> reading) throws PolicyStoreException, E {
        Optional<T> stored = read();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Versioned<>(reading.read(new StringReader(stored.get().text())), stored.get().version()));
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the stored text: " + e.getMessage(), e);
        }
    }

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

    /**
     * Replaces the text with the one {@code text} reads, as {@link #write(String, long, PolicyChange)} does, written as it
     * is read where the store can (an import of millions of lines is then never held twice), and records the change.
     * This default reads the whole text first.
     *
     * @return the new version
     * @throws VersionConflictException when the stored text changed since {@code expectedVersion}
     */
    default long writeStreamed(Reader text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        StringWriter whole = new StringWriter();
        try {
            text.transferTo(whole);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the text to store: " + e.getMessage(), e);
        }
        return write(whole.toString(), expectedVersion, change).version();
    }

    /**
     * Applies {@code diff} to the stored text, if it is still at {@code expectedVersion}, records the change, and keeps
     * the diff as the change of the new version ({@link #changesSince}). This default reads the whole text and writes
     * it whole, keeping no diff.
     *
     * @return the new version
     * @throws VersionConflictException when the stored text changed since {@code expectedVersion}
     * @throws IllegalArgumentException when the diff does not fit the stored text
     */
    default long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        Optional<T> current = read();
        long actualVersion = current.map(StoredText::version).orElse(StoredText.NO_VERSION);
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
        String text = TextDiff.text(diff.applyTo(TextDiff.lines(current.map(StoredText::text).orElse(""))));
        return write(text, expectedVersion, change).version();
    }

    /**
     * The changes since {@code version}, oldest first, each with the lines it removed and added: what a reader that
     * holds the text of {@code version} applies rather than reading the whole text again. Empty when the store cannot
     * serve them: its log does not reach back so far, or a change has no diff (a whole write such as an import, an
     * edit by hand), or the store never had that version; the reader reads the whole text then. This default keeps no
     * log.
     *
     * @throws PolicyStoreException when the store cannot be read (unreachable, unreadable)
     */
    default Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        return Optional.empty();
    }

    /** The recorded changes, newest first, at most {@code limit}. */
    List<AuditEntry> audit(int limit) throws PolicyStoreException;

    /** Releases what the store holds (a session, connections); nothing by default. */
    @Override
    default void close() {
    }
}
