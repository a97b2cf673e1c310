package org.jamesrelay.store.cassandra;

import java.time.Duration;
import java.util.Optional;

import org.jamesrelay.store.PolicyStoreException;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;

/**
 * The tables that hold the policy and its audit trail. The head table has one partition: the head of the store in
 * static columns and one row per change, keyed by the version it produced, newest first. So one lightweight
 * transaction moves the head and writes the change's audit row together (a conditional batch cannot span two tables
 * or two partitions), and the audit needs no buckets: changes are made by people, a few a day, and each audit row is
 * bounded ({@code PolicyChange#bounded}), so the partition stays far below the sizes where Cassandra suffers. Old
 * changes can be pruned with {@code DELETE FROM relay_policy WHERE name = 'relay' AND change < N}.
 *
 * <p>The head names a base by its content id: a whole text as pages ({@code relay_policy_pages}, {@link TextPages}),
 * each its own partition of one row of at most 512 KiB (a run of whole lines, with its number of line ends and its
 * SHA-256 digest), listed in order by the base's manifest ({@code relay_policy_manifests}, one partition per content
 * id, {@link PageManifest}: 8,192 pages a row, so one row of about 460 KiB up to about 4 GB of text). The head holds
 * the number of manifest rows ({@code chunks}), their SHA-256 digest, the number of pages ({@code pages}), the version
 * the base is the text of ({@code base_version}) and the content id of the base before it. So no partition grows
 * with the text beyond its manifest (about 50 KB at 10,000,000 relay recipients). The text of the head's version is
 * the base with the changes since applied in order. A change written as a diff names its diff in its audit row
 * ({@code diff}, {@code diff_parts}); the diff is in the change table ({@code relay_policy_changes}, {@link ChangeRows}),
 * one partition per version. {@code changes_bytes} counts the bytes of the diffs since the base, for the writer that
 * decides to fold them into a new base. Bases share pages: a fold writes new pages for the runs of lines its changes
 * touch and names the other pages of the base before ({@link PagedFold}); a page is removed with the last kept base
 * that names it ({@link ChangeWriter}).
 *
 * <p>Earlier layouts still read, each converted to pages by the next write or fold: a head with a content id and no
 * {@code pages} names a base of the chunked layout, the whole text in {@code relay_policy_chunks} (one partition per
 * content id, rows of at most 512 KiB, {@link TextChunks}) and {@code digest} the digest of the text; the static
 * column {@code text} holds the whole text of a store written before texts were chunked (read while no content id is
 * set, emptied by the next write); and a head without {@code base_version} names the text of its own version. The
 * chunks of a base of the chunked layout are removed when it is no longer kept for readers. The DKIM keys are kept
 * the same way, in tables of their own ({@link #DKIM_KEYS}),
 * so that a grant on the policy is none on the keys.
 */
final class PolicyTable {
    static final String NAME = "relay_policy";
    static final String DKIM_KEYS = "relay_dkim_keys";
    static final String CHUNKS = "_chunks";
    static final String CHANGES = "_changes";
    static final String PAGES = "_pages";
    static final String MANIFESTS = "_manifests";

    private static final String PARTITION = "name = 'relay'";
    private static final String HEAD_COLUMNS = "content uuid static, previous_content uuid static, chunks int static, digest blob static";
    private static final String LOG_COLUMNS = "base_version bigint static, changes_bytes bigint static, diff uuid, diff_parts int";
    private static final String PAGED_HEAD_COLUMNS = "pages int static";
    private static final String AUDIT = "at = ?, actor = ?, action = ?, before = ?, after = ?, diff = ?, diff_parts = ?";
    private static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    /** Creates the keyspace and the tables if absent, and prepares the statements. */
    static PolicyTable create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, NAME, "James Relay: the relay policy");
    }

    /** The DKIM keyring (private keys included) and its changes. */
    static PolicyTable createDkimKeys(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, DKIM_KEYS, "James Relay: the DKIM signing keys");
    }

    private static PolicyTable create(CqlSession session, CassandraStoreConfiguration configuration, String name, String what)
        throws PolicyStoreException {
        String keyspace = configuration.keyspace();
        String table = keyspace + "." + name;
        // Known tables are not created again: no needless schema change when every relay node restarts.
        Optional<TableMetadata> known = session.getMetadata().getKeyspace(keyspace).flatMap(metadata -> metadata.getTable(name));
        if (known.isEmpty()) {
            changeSchema(session, "create the keyspace " + keyspace, "CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + configuration.replicationFactor() + "}");
            changeSchema(session, "create the table " + table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "name text, version bigint static, text text static, " + HEAD_COLUMNS + ", " + LOG_COLUMNS + ", " + PAGED_HEAD_COLUMNS + ", "
                + "change bigint, at timestamp, actor text, action text, before text, after text, "
                + "PRIMARY KEY (name, change)) "
                + "WITH CLUSTERING ORDER BY (change DESC) "
                + "AND comment = '" + what + ": the head (static columns) and the changes, newest first'");
        } else {
            if (known.get().getColumn("content").isEmpty()) {
                changeSchema(session, "add the chunked head to " + table, "ALTER TABLE " + table + " ADD (" + HEAD_COLUMNS + ")");
            }
            if (known.get().getColumn("base_version").isEmpty()) {
                changeSchema(session, "add the change log to " + table, "ALTER TABLE " + table + " ADD (" + LOG_COLUMNS + ")");
            }
            if (known.get().getColumn("pages").isEmpty()) {
                changeSchema(session, "add the paged head to " + table, "ALTER TABLE " + table + " ADD (" + PAGED_HEAD_COLUMNS + ")");
            }
        }
        createIfAbsent(session, keyspace, name + CHUNKS, "content uuid, chunk int, data blob, PRIMARY KEY (content, chunk)",
            what + ": the text of a base of the chunked layout, in chunks of at most 512 KiB");
        createIfAbsent(session, keyspace, name + PAGES, "id uuid PRIMARY KEY, lines int, digest blob, data blob",
            what + ": the pages of the bases, runs of whole lines of at most 512 KiB, one partition each");
        createIfAbsent(session, keyspace, name + MANIFESTS, "content uuid, part int, data blob, PRIMARY KEY (content, part)",
            what + ": the pages of each base, in order");
        createIfAbsent(session, keyspace, name + CHANGES, "version bigint, id uuid, part int, data blob, PRIMARY KEY (version, id, part)",
            what + ": the diff of each change, in parts of at most 512 KiB");
        return DriverFailures.call("prepare the statements on " + table, () -> new PolicyTable(session, table));
    }

    private static void createIfAbsent(CqlSession session, String keyspace, String name, String columns, String comment) throws PolicyStoreException {
        if (session.getMetadata().getKeyspace(keyspace).flatMap(metadata -> metadata.getTable(name)).isEmpty()) {
            changeSchema(session, "create the table " + keyspace + "." + name, "CREATE TABLE IF NOT EXISTS " + keyspace + "." + name
                + " (" + columns + ") WITH comment = '" + comment + "'");
        }
    }

    private static void changeSchema(CqlSession session, String action, String cql) throws PolicyStoreException {
        DriverFailures.call(action, () -> session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_CHANGE_TIMEOUT)));
    }

    /** Binds nothing. Columns: those of {@link Head} (no row when nothing is stored). */
    final PreparedStatement selectHead;
    /** Binds nothing. Columns: version (no row when nothing is stored). */
    final PreparedStatement selectVersion;
    /**
     * Moves the head to a new paged base. Binds version, content, previous content, manifest rows, manifest digest,
     * pages, base version, the audit
     * columns (at, actor, action, before, after, diff, diff parts), version again (the change), and the expected
     * version (null for none).
     */
    final PreparedStatement updateHead;
    /**
     * Moves the head by one logged change, on the same base. Binds version, base version (set again: a head of an
     * earlier layout has none), changes bytes, the audit columns, version again (the change), and the expected version.
     */
    final PreparedStatement appendChange;
    /** Binds the limit. Columns: change, at, actor, action, before, after. */
    final PreparedStatement selectChanges;
    /** Binds the version after which, and the last version. Columns: change, diff, diff_parts, newest first. */
    final PreparedStatement selectLogged;
    /** Binds content. Columns: chunk, data, in chunk order. */
    final PreparedStatement selectChunks;
    /** Binds content. */
    final PreparedStatement deleteChunks;
    /** Binds id, lines, digest, data. */
    final PreparedStatement insertPage;
    /** Binds id. Columns: data (no row when the page is missing). */
    final PreparedStatement selectPage;
    /** Binds id. */
    final PreparedStatement deletePage;
    /** Binds content, part, data. */
    final PreparedStatement insertManifest;
    /** Binds content. Columns: part, data, in part order. */
    final PreparedStatement selectManifest;
    /** Binds content. */
    final PreparedStatement deleteManifest;
    /** Binds version, id, part, data. */
    final PreparedStatement insertChange;
    /** Binds version, id. Columns: part, data, in part order. */
    final PreparedStatement selectChange;
    /** Binds version, id. */
    final PreparedStatement deleteChange;
    /** Binds version. */
    final PreparedStatement deleteChangesOf;

    private PolicyTable(CqlSession session, String table) {
        String chunks = table + CHUNKS;
        String changes = table + CHANGES;
        this.selectHead = session.prepare("SELECT " + Head.COLUMNS + " FROM " + table + " WHERE " + PARTITION + " LIMIT 1");
        this.selectVersion = session.prepare("SELECT version FROM " + table + " WHERE " + PARTITION + " LIMIT 1");
        this.updateHead = session.prepare("UPDATE " + table + " SET version = ?, content = ?, previous_content = ?, chunks = ?, digest = ?, pages = ?,"
            + " text = null, base_version = ?, changes_bytes = 0, " + AUDIT + " WHERE " + PARTITION + " AND change = ? IF version = ?");
        this.appendChange = session.prepare("UPDATE " + table + " SET version = ?, base_version = ?, changes_bytes = ?, " + AUDIT
            + " WHERE " + PARTITION + " AND change = ? IF version = ?");
        this.selectChanges = session.prepare("SELECT change, at, actor, action, before, after FROM " + table + " WHERE " + PARTITION + " LIMIT ?");
        this.selectLogged = session.prepare("SELECT change, diff, diff_parts FROM " + table + " WHERE " + PARTITION
            + " AND change > ? AND change <= ?");
        this.selectChunks = session.prepare("SELECT chunk, data FROM " + chunks + " WHERE content = ?");
        this.deleteChunks = session.prepare("DELETE FROM " + chunks + " WHERE content = ?");
        String pages = table + PAGES;
        String manifests = table + MANIFESTS;
        this.insertPage = session.prepare("INSERT INTO " + pages + " (id, lines, digest, data) VALUES (?, ?, ?, ?)");
        this.selectPage = session.prepare("SELECT data FROM " + pages + " WHERE id = ?");
        this.deletePage = session.prepare("DELETE FROM " + pages + " WHERE id = ?");
        this.insertManifest = session.prepare("INSERT INTO " + manifests + " (content, part, data) VALUES (?, ?, ?)");
        this.selectManifest = session.prepare("SELECT part, data FROM " + manifests + " WHERE content = ?");
        this.deleteManifest = session.prepare("DELETE FROM " + manifests + " WHERE content = ?");
        this.insertChange = session.prepare("INSERT INTO " + changes + " (version, id, part, data) VALUES (?, ?, ?, ?)");
        this.selectChange = session.prepare("SELECT part, data FROM " + changes + " WHERE version = ? AND id = ?");
        this.deleteChange = session.prepare("DELETE FROM " + changes + " WHERE version = ? AND id = ?");
        this.deleteChangesOf = session.prepare("DELETE FROM " + changes + " WHERE version = ?");
    }
}
