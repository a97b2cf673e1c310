package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredText;
import org.jamesrelay.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Moves the head of a store by one version: the rows it will name first (the pages and manifest of a new base, the
 * parts of a diff), then the head and the audit row by one lightweight transaction, if the version is still the expected one. A
 * writer that lost removes what it wrote; one that failed before the head was to move was surely not applied.
 *
 * <p>What is kept for readers: the base before the current one (a reader that read the head just before a fold still
 * finds it; the one before that is removed by the fold), and the diffs of the last {@link #KEPT_CHANGES} versions, more
 * than the changes since the base before ({@link #FOLD_CHANGES} at most per base): each write removes the diffs of the
 * version {@link #KEPT_CHANGES} before its own, so the change table holds at most that many versions.
 */
final class ChangeWriter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ChangeWriter.class);

    /** At most this many changes since the base: a whole read applies them all. */
    static final int FOLD_CHANGES = 100;
    /** At most this many bytes of diffs since the base; a single diff larger than that is written as a new base only. */
    static final int FOLD_BYTES = 4 * 1024 * 1024;
    static final int KEPT_CHANGES = 1_000;

    private static final ConsistencyLevel COMMIT = ConsistencyLevel.QUORUM;
    private static final ConsistencyLevel TRANSACTION = ConsistencyLevel.SERIAL;
    private static final String WRITE_ACTION = "write the relay policy to Cassandra";

    private final CqlSession session;
    private final PolicyTable table;
    private final TextPages pages;
    private final TextChunks chunks;
    private final ChangeRows changeRows;
    private final Duration requestTimeout;

    ChangeWriter(CqlSession session, PolicyTable table, TextPages pages, TextChunks chunks, ChangeRows changeRows, Duration requestTimeout) {
        this.session = session;
        this.table = table;
        this.pages = pages;
        this.chunks = chunks;
        this.changeRows = changeRows;
        this.requestTimeout = requestTimeout;
    }

    /** Whether a diff of {@code diffBytes} on {@code head} is to be folded into a new base rather than logged alone. */
    boolean mustFold(Head head, int diffBytes) {
        return head.content.isEmpty()
            || head.changesSinceBase() + 1 > FOLD_CHANGES
            || head.changesBytes + diffBytes > FOLD_BYTES;
    }

    /** Logs a diff on the base of {@code replaced}; returns the new version. */
    long append(byte[] diff, Head replaced, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        long version = expectedVersion + 1;
        UUID id = UUID.randomUUID();
        int parts = DriverFailures.call(WRITE_ACTION, () -> changeRows.write(version, id, diff));
        BoundStatement statement = table.appendChange.bind(version, replaced.baseVersion, replaced.changesBytes + diff.length,
            now(), change.actor(), change.action(), change.before(), change.after(), id, parts, version, expectedVersion);
        Optional<Long> refusedAt = moveHead(statement);
        if (refusedAt.isPresent()) {
            forget(() -> changeRows.delete(version, id), "the diff of a losing write");
            throw new VersionConflictException(expectedVersion, refusedAt.get());
        }
        forgetOldDiffs(version);
        return version;
    }

    /** Writes {@code text} as the base of the new version, logging {@code diff} when given; returns the new version. */
    long newBase(byte[] text, Optional<byte[]> diff, Head replaced, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        PagedBase base = DriverFailures.call(WRITE_ACTION, () -> pages.write(text));
        return newBase(base, Set.of(), diff, replaced, expectedVersion, change);
    }

    /** Writes the text {@code text} reads as the base of the new version, a page at a time; returns the new version. */
    long newBase(Reader text, Head replaced, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        List<PageRef> written = new ArrayList<>();
        PagedBase base;
        try {
            base = DriverFailures.call(WRITE_ACTION, () -> {
                try {
                    return pages.write(text, written);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            forget(() -> pages.delete(written, Set.of()), "the pages of a text that could not be read");
            throw new PolicyStoreException("cannot read the text to store: " + e.getCause().getMessage(), e.getCause());
        }
        return newBase(base, Set.of(), Optional.empty(), replaced, expectedVersion, change);
    }

    /**
     * Makes {@code base}, whose pages are written (those in {@code reused} by an earlier base), the base of the new
     * version, logging {@code diff} when given; returns the new version. Then removes the base before {@code replaced}'s,
     * with those of its pages neither of the two kept bases names.
     */
    long newBase(PagedBase base, Set<UUID> reused, Optional<byte[]> diff, Head replaced, long expectedVersion, PolicyChange change)
        throws PolicyStoreException {
        long version = expectedVersion + 1;
        Optional<UUID> diffId = diff.map(any -> UUID.randomUUID());
        Optional<Integer> parts = diff.isEmpty() ? Optional.empty()
            : Optional.of(DriverFailures.call(WRITE_ACTION, () -> changeRows.write(version, diffId.get(), diff.get())));
        BoundStatement statement = table.updateHead.bind(version, base.content, replaced.content.orElse(null), base.rows,
            base.digest, base.manifest.pages.size(), version,
            now(), change.actor(), change.action(), change.before(), change.after(), diffId.orElse(null), parts.orElse(null),
            version, expectedVersion == StoredText.NO_VERSION ? null : expectedVersion);
        Optional<Long> refusedAt = moveHead(statement);
        if (refusedAt.isPresent()) {
            forget(() -> pages.forget(base, reused), "the pages of a losing write");
            diffId.ifPresent(id -> forget(() -> changeRows.delete(version, id), "the diff of a losing write"));
            throw new VersionConflictException(expectedVersion, refusedAt.get());
        }
        replaced.previousContent.ifPresent(previous -> forget(() -> retire(previous, replaced, base), "the base " + previous));
        forgetOldDiffs(version);
        return version;
    }

    /** Removes the base {@code previous}, of any layout, but none of the pages the two kept bases name. */
    private void retire(UUID previous, Head replaced, PagedBase base) {
        Optional<Set<UUID>> replacedPages = replaced.isPaged() ? pages.manifest(replaced).map(PageManifest::ids) : Optional.of(Set.of());
        if (replacedPages.isEmpty()) {
            LOGGER.warn("Cannot read the manifest of the base {}: the pages of the base {} are left in Cassandra", replaced.content.orElseThrow(),
                previous);
            return;
        }
        Set<UUID> kept = new HashSet<>(replacedPages.get());
        kept.addAll(base.manifest.ids());
        pages.retire(previous, kept);
        chunks.delete(previous);
    }

    /** Empty when the head moved; else the version found in its place. */
    private Optional<Long> moveHead(BoundStatement statement) throws PolicyStoreException {
        ResultSet result;
        try {
            result = session.execute(statement
                .setConsistencyLevel(COMMIT)
                .setSerialConsistencyLevel(TRANSACTION)
                .setTimeout(requestTimeout));
        } catch (DriverException e) {
            throw DriverFailures.translateWrite(WRITE_ACTION, e);
        }
        if (result.wasApplied()) {
            return Optional.empty();
        }
        Row found = result.one();
        return Optional.of(found == null || found.isNull("version") ? StoredText.NO_VERSION : found.getLong("version"));
    }

    private void forgetOldDiffs(long version) {
        if (version > KEPT_CHANGES) {
            forget(() -> changeRows.deleteVersion(version - KEPT_CHANGES), "the diffs of version " + (version - KEPT_CHANGES));
        }
    }

    /** Rows left behind by a failure here take room and do no harm: nothing names them, or nothing reads them again. */
    private static void forget(Runnable delete, String what) {
        try {
            delete.run();
        } catch (DriverException | IllegalArgumentException e) {
            LOGGER.warn("Cannot remove {} from Cassandra: {}", what, e.getMessage());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
