package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

import org.jamesrelay.store.StoredText;

import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The head of a store as its static columns hold it (see {@link PolicyTable}): the version, and the base it is made
 * from. A head of an earlier layout reads as a base in chunks (no {@code pages}), a base of its own version (no
 * {@code base_version}) or an unchunked text (no content id).
 */
final class Head {
    static final String COLUMNS = "version, content, previous_content, chunks, digest, pages, text, base_version, changes_bytes";

    static final Head NONE = new Head(StoredText.NO_VERSION, Optional.empty(), Optional.empty(), 0, null, Optional.empty(),
        Optional.empty(), StoredText.NO_VERSION, 0);

    final long version;
    /** The content id of the base; empty when nothing is stored or the text is in the {@code text} column. */
    final Optional<UUID> content;
    final Optional<UUID> previousContent;
    /** The rows of the base's manifest, or (chunked layout) its chunks. */
    final int chunks;
    /** The SHA-256 digest of the manifest's rows, or (chunked layout) of the text. */
    final ByteBuffer digest;
    /** How many pages the base has; empty for a base of the chunked layout. */
    final Optional<Integer> pages;
    /** The whole text of a store written before texts were chunked. */
    final Optional<String> unchunkedText;
    /** The version whose text the base is. */
    final long baseVersion;
    /** The bytes of the diffs logged since the base. */
    final long changesBytes;

    private Head(long version, Optional<UUID> content, Optional<UUID> previousContent, int chunks, ByteBuffer digest,
                 Optional<Integer> pages, Optional<String> unchunkedText, long baseVersion, long changesBytes) {
        this.version = version;
        this.content = content;
        this.previousContent = previousContent;
        this.chunks = chunks;
        this.digest = digest;
        this.pages = pages;
        this.unchunkedText = unchunkedText;
        this.baseVersion = baseVersion;
        this.changesBytes = changesBytes;
    }

    /** The head in a row selected with {@link #COLUMNS}, or in none: nothing stored. */
    static Head of(Row row) {
        if (row == null || row.isNull("version")) {
            return NONE;
        }
        long version = row.getLong("version");
        return new Head(version,
            Optional.ofNullable(row.getUuid("content")),
            Optional.ofNullable(row.getUuid("previous_content")),
            row.getInt("chunks"),
            row.getByteBuffer("digest"),
            row.isNull("pages") ? Optional.empty() : Optional.of(row.getInt("pages")),
            Optional.ofNullable(row.getString("text")),
            row.isNull("base_version") ? version : row.getLong("base_version"),
            row.isNull("changes_bytes") ? 0 : row.getLong("changes_bytes"));
    }

    /** Whether the base is in pages, the layout every write makes now. */
    boolean isPaged() {
        return content.isPresent() && pages.isPresent();
    }

    boolean isEmpty() {
        return version == StoredText.NO_VERSION;
    }

    /** How many changes were logged since the base. */
    long changesSinceBase() {
        return version - baseVersion;
    }
}
