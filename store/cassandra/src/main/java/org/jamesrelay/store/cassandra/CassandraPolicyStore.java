package org.jamesrelay.store.cassandra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jamesrelay.core.StreamedDiff;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.core.TextLines;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.SharedCounters;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.TextReading;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The relay policy in Cassandra, shared by every relay node connected to the same keyspace. The head names a base,
 * a whole text kept as pages of whole lines of at most 512 KiB each and a manifest that lists them, and the changes
 * since, each kept as its diff: an edit writes its diff and moves the head, whatever the size of the policy, and a node
 * that holds the text of a version applies the diffs logged since ({@link #changesSince}) rather than reading the whole
 * text. Every {@link ChangeWriter#FOLD_CHANGES} changes (or {@link ChangeWriter#FOLD_BYTES} bytes of diffs) the writer
 * folds them into a new base ({@link PageFolder}): it rewrites the pages the changes touch and keeps the others, so a
 * fold costs the pages it touches, the manifest and the diffs, not the text (about 0.2 to 0.4 s at 1,000,000 relay
 * recipients, where reading and writing the whole text took 2.1 s). Rows are written
 * before the head names them, so a reader never sees half a change and no cell, row or message grows with the policy;
 * a change of the head and its audit entry are written by one lightweight transaction (see {@link PolicyTable},
 * {@link ChangeWriter}): they exist together or not at all, even when a timed-out write is applied after all.
 *
 * <p>Consistency: a write is a lightweight transaction at SERIAL, committed at QUORUM; reads are at QUORUM, so
 * they overlap the replicas of every committed write and a write made through one node is read through any
 * other. SERIAL rather than LOCAL_SERIAL because the policy is one for all datacenters: with LOCAL_SERIAL, two
 * datacenters could each accept a different change of the same version. These are James's own defaults
 * ({@code cassandra.consistency_level.regular} and {@code .lightweight_transaction}); policy changes are rare,
 * so the cross-datacenter round trips cost nothing that matters.
 */
public final class CassandraPolicyStore implements PolicyStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraPolicyStore.class);

    private static final ConsistencyLevel READ = ConsistencyLevel.QUORUM;
    private static final String READ_ACTION = "read the relay policy from Cassandra";
    private static final String WRITE_ACTION = "write the relay policy to Cassandra";
    private static final int READ_ATTEMPTS = 3;

    /**
     * Opens a session of its own, creates the keyspace and the table if absent, and prepares the statements.
     * {@link #close()} closes the session.
     */
    public static CassandraPolicyStore connect(CassandraStoreConfiguration configuration) throws PolicyStoreException {
        String contactPoints = String.join(", ", configuration.contactPoints());
        CqlSession session = DriverFailures.call("connect to Cassandra at " + contactPoints, () -> CassandraSessions.open(configuration));
        try {
            CassandraPolicyStore store = create(session, configuration, true);
            LOGGER.info("Relay policy store on Cassandra at {}, keyspace {}", contactPoints, configuration.keyspace());
            return store;
        } catch (PolicyStoreException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A store on a session that the caller owns, such as the one of a James server that keeps its mail in
     * Cassandra: the contact points and datacenter of the configuration are not used, and {@link #close()} leaves
     * the session open. Creates the keyspace and the table if absent.
     */
    public static CassandraPolicyStore create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, false);
    }

    private static CassandraPolicyStore create(CqlSession session, CassandraStoreConfiguration configuration, boolean ownsSession) throws PolicyStoreException {
        return create(session, configuration, ownsSession, TextPages.PAGE_BYTES);
    }

    /** A store on the caller's session whose pages hold at most {@code pageBytes}: small pages make many of a small text. */
    static CassandraPolicyStore withPagesOf(int pageBytes, CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, false, pageBytes);
    }

    private static CassandraPolicyStore create(CqlSession session, CassandraStoreConfiguration configuration, boolean ownsSession, int pageBytes)
        throws PolicyStoreException {
        return new CassandraPolicyStore(session, PolicyTable.create(session, configuration),
            Optional.of(RateCountTable.create(session, configuration)), configuration.requestTimeout(), ownsSession, pageBytes);
    }

    /** The same versioned text and audit, on another table and without rate-limit counts: the DKIM key store's. */
    static CassandraPolicyStore on(CqlSession session, PolicyTable table, CassandraStoreConfiguration configuration, boolean ownsSession) {
        return new CassandraPolicyStore(session, table, Optional.empty(), configuration.requestTimeout(), ownsSession, TextPages.PAGE_BYTES);
    }

    private final CqlSession session;
    private final PolicyTable table;
    private final TextPages pages;
    private final TextChunks chunks;
    private final LoggedChanges logged;
    private final ChangeWriter writer;
    private final PageFolder folder;
    private final Optional<RateCountTable> rateCounts;
    private final Duration requestTimeout;
    private final boolean ownsSession;

    private CassandraPolicyStore(CqlSession session, PolicyTable table, Optional<RateCountTable> rateCounts, Duration requestTimeout,
                                 boolean ownsSession, int pageBytes) {
        this.session = session;
        this.table = table;
        this.pages = new TextPages(session, table, READ, requestTimeout, pageBytes);
        this.chunks = new TextChunks(session, table, READ, requestTimeout);
        ChangeRows changeRows = new ChangeRows(session, table, READ, requestTimeout);
        this.logged = new LoggedChanges(session, table, changeRows, READ, requestTimeout);
        this.writer = new ChangeWriter(session, table, pages, chunks, changeRows, requestTimeout);
        this.folder = new PageFolder(pages, logged, writer);
        this.rateCounts = rateCounts;
        this.requestTimeout = requestTimeout;
        this.ownsSession = ownsSession;
    }

    @Override
    public Optional<StoredPolicy> read() throws PolicyStoreException {
        Optional<Versioned<String>> read = read(text -> {
            StringWriter whole = new StringWriter();
            text.transferTo(whole);
            return whole.toString();
        });
        return read.map(text -> new StoredPolicy(text.value(), text.version()));
    }

    /**
     * The base the head names, its bytes decoded as the reading goes, with the changes since applied as its lines
     * stream by, in order: the base's bytes are held (its manifest checked against the head's digest and every page
     * against its own before anything is read), not a {@code String} or the lines of the text.
     */
    @Override
    public <R, E extends Exception> Optional<Versioned<R>> read(TextReading<R, E> reading) throws PolicyStoreException, E {
        for (int attempt = 1; ; attempt++) {
            Head head = head();
            if (head.isEmpty()) {
                return Optional.empty();
            }
            if (head.content.isEmpty()) {
                return Optional.of(new Versioned<>(readThrough(reading, new StringReader(head.unchunkedText.orElse("")), head.version), head.version));
            }
            Optional<Reader> text = DriverFailures.call(READ_ACTION, () -> textOf(head));
            if (text.isPresent()) {
                return Optional.of(new Versioned<>(readThrough(reading, text.get(), head.version), head.version));
            }
            // Writes while this read went on removed the base or the changes it was reading: the head names newer ones.
            if (attempt == READ_ATTEMPTS) {
                throw new PolicyStoreException("Cannot " + READ_ACTION + ": the base or the changes of version " + head.version
                    + " are missing or do not match");
            }
        }
    }

    private Optional<Reader> textOf(Head head) {
        Optional<ByteBuffer> base = head.isPaged() ? pages.manifest(head).flatMap(pages::readAll)
            : chunks.read(head.content.orElseThrow(), head.chunks, head.digest);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Reader text = new InputStreamReader(new ByteArrayInputStream(base.get().array(), 0, base.get().limit()), StandardCharsets.UTF_8);
        if (head.changesSinceBase() == 0) {
            return Optional.of(text);
        }
        Optional<List<TextChange>> changes = logged.between(head.baseVersion, head.version);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        TextLines lines = TextLines.of(text);
        for (TextChange change : changes.get()) {
            lines = new LoggedChangeLines(StreamedDiff.apply(change.diff(), lines));
        }
        return Optional.of(lines.asReader());
    }

    /** A failure to apply a logged diff is one of the store: the text of that version cannot be read. */
    private static <R, E extends Exception> R readThrough(TextReading<R, E> reading, Reader text, long version) throws PolicyStoreException, E {
        try {
            return reading.read(text);
        } catch (LoggedChangeLines.DoesNotApplyException e) {
            throw new PolicyStoreException("Cannot " + READ_ACTION + ": a change logged up to version " + version
                + " does not apply (" + e.getMessage() + "); write the policy whole to repair it", e);
        } catch (IOException e) {
            throw new PolicyStoreException("Cannot " + READ_ACTION + ": " + e.getMessage(), e);
        }
    }

    /** Reads the version column only: the cost of a poll does not grow with the policy. */
    @Override
    public long version() throws PolicyStoreException {
        return DriverFailures.call("read the relay policy version from Cassandra", () -> {
            Row row = session.execute(read(table.selectVersion.bind())).one();
            return row == null || row.isNull("version") ? StoredPolicy.NO_VERSION : row.getLong("version");
        });
    }

    /** The diffs logged after {@code version}, read from the change table; unknown past {@link ChangeWriter#KEPT_CHANGES}. */
    @Override
    public Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        long current = version();
        if (version == current) {
            return Optional.of(List.of());
        }
        if (version > current || current - version > ChangeWriter.KEPT_CHANGES) {
            return Optional.empty();
        }
        return readable(() -> logged.between(version, current), current);
    }

    /** A failure to decode or apply a logged diff is one of the store: the text of that version cannot be read. */
    private static <T> T readable(Supplier<T> read, long version) throws PolicyStoreException {
        try {
            return DriverFailures.call(READ_ACTION, read);
        } catch (IllegalArgumentException e) {
            throw new PolicyStoreException("Cannot " + READ_ACTION + ": a change logged up to version " + version
                + " does not apply (" + e.getMessage() + "); write the policy whole to repair it", e);
        }
    }

    /** Writes the text as a new base (see {@link ChangeWriter}). */
    @Override
    public StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        Head replaced = expectHead(expectedVersion);
        long version = writer.newBase(text.getBytes(StandardCharsets.UTF_8), Optional.empty(), replaced, expectedVersion, change.bounded());
        return new StoredPolicy(text, version);
    }

    /** As {@link #write}, the text cut into pages as it is read: at most a page of it is held here. */
    @Override
    public long writeStreamed(Reader text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        Head replaced = expectHead(expectedVersion);
        return writer.newBase(text, replaced, expectedVersion, change.bounded());
    }

    /**
     * Logs the diff and moves the head to it, without reading or writing the text, unless the changes since the base
     * would then pass {@link ChangeWriter#FOLD_CHANGES} or {@link ChangeWriter#FOLD_BYTES}: then this writer applies the
     * changes since the base and the diff to the pages they touch and writes a new base of those and the untouched
     * pages (the diff still logged, unless larger than {@link ChangeWriter#FOLD_BYTES}: readers read that change
     * whole). A base that cannot be folded page by page (of an earlier layout, with a page that is not whole lines
     * ended by {@code \n}, or whose rows went missing) is read whole, changed and written again as pages. The diff is
     * checked against the text only then; it must have been made from the text of {@code expectedVersion}.
     */
    @Override
    public long writeChange(TextDiff diff, long expectedVersion, PolicyChange requested) throws PolicyStoreException {
        PolicyChange change = requested.bounded();
        Head replaced = expectHead(expectedVersion);
        byte[] encoded = DiffFormat.write(diff);
        if (!writer.mustFold(replaced, encoded.length)) {
            return writer.append(encoded, replaced, expectedVersion, change);
        }
        Optional<byte[]> logged = encoded.length > ChangeWriter.FOLD_BYTES ? Optional.empty() : Optional.of(encoded);
        Optional<Long> folded = folder.fold(diff, logged, replaced, change);
        if (folded.isPresent()) {
            return folded.get();
        }
        Optional<Versioned<byte[]>> changed = read(text -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
            StreamedDiff.apply(diff, text, writer);
            writer.flush();
            return bytes.toByteArray();
        });
        long actualVersion = changed.map(Versioned::version).orElse(StoredPolicy.NO_VERSION);
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
        byte[] text = changed.isPresent() ? changed.get().value() : TextDiff.text(diff.applyTo(List.of())).getBytes(StandardCharsets.UTF_8);
        return writer.newBase(text, logged, replaced, expectedVersion, change);
    }

    private Head expectHead(long expectedVersion) throws PolicyStoreException {
        Head head = DriverFailures.call(WRITE_ACTION, () -> Head.of(session.execute(read(table.selectHead.bind())).one()));
        if (head.version != expectedVersion) {
            throw new VersionConflictException(expectedVersion, head.version);
        }
        return head;
    }

    private Head head() throws PolicyStoreException {
        return DriverFailures.call(READ_ACTION, () -> Head.of(session.execute(read(table.selectHead.bind())).one()));
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return DriverFailures.call("read the relay policy audit from Cassandra", () -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (Row row : session.execute(read(table.selectChanges.bind(limit)))) {
                // A partition whose changes were all pruned still has its static row, with no change in it.
                if (!row.isNull("change")) {
                    entries.add(new AuditEntry(row.getInstant("at"), row.getLong("change"),
                        new PolicyChange(row.getString("actor"), row.getString("action"), row.getString("before"), row.getString("after"))));
                }
            }
            return List.copyOf(entries);
        });
    }

    private BoundStatement read(BoundStatement statement) {
        return statement.setConsistencyLevel(READ)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }

    /** The rate-limit counts of the nodes that share this keyspace. */
    @Override
    public Optional<SharedCounters> sharedCounters() {
        return rateCounts.map(SharedCounters.class::cast);
    }

    /** Closes the session if the store opened it. */
    @Override
    public void close() {
        if (ownsSession) {
            session.close();
        }
    }
}
