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
 * static columns (the version, the id of the content in force and of the one before, its number of chunks and its
 * SHA-256 digest) and one row per change, keyed by the version it produced, newest first. So one lightweight
 * transaction moves the head and writes the change's audit row together (a conditional batch cannot span two tables
 * or two partitions), and the audit needs no buckets: changes are made by people, a few a day, and each audit row is
 * bounded ({@code PolicyChange#bounded}), so the partition stays far below the sizes where Cassandra suffers. Old
 * changes can be pruned with {@code DELETE FROM relay_policy WHERE name = 'relay' AND change < N}.
 *
 * <p>The text itself is in the chunk table ({@code relay_policy_chunks}), one partition per content id, rows of at
 * most 512 KiB ({@link TextChunks}). The static column {@code text} holds the whole text of a store written before
 * texts were chunked; it is read while no content id is set, and emptied by the next write. The DKIM keys are kept
 * the same way, in tables of their own ({@link #DKIM_KEYS}), so that a grant on the policy is none on the keys.
 */
final class PolicyTable {
    static final String NAME = "relay_policy";
    static final String DKIM_KEYS = "relay_dkim_keys";
    static final String CHUNKS = "_chunks";

    private static final String PARTITION = "name = 'relay'";
    private static final String HEAD_COLUMNS = "content uuid static, previous_content uuid static, chunks int static, digest blob static";
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
        String chunks = table + CHUNKS;
        // Known tables are not created again: no needless schema change when every relay node restarts.
        Optional<TableMetadata> known = session.getMetadata().getKeyspace(keyspace).flatMap(metadata -> metadata.getTable(name));
        if (known.isEmpty()) {
            changeSchema(session, "create the keyspace " + keyspace, "CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + configuration.replicationFactor() + "}");
            changeSchema(session, "create the table " + table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "name text, version bigint static, text text static, " + HEAD_COLUMNS + ", "
                + "change bigint, at timestamp, actor text, action text, before text, after text, "
                + "PRIMARY KEY (name, change)) "
                + "WITH CLUSTERING ORDER BY (change DESC) "
                + "AND comment = '" + what + ": the head (static columns) and the changes, newest first'");
        } else if (known.get().getColumn("content").isEmpty()) {
            changeSchema(session, "add the chunked head to " + table, "ALTER TABLE " + table + " ADD (" + HEAD_COLUMNS + ")");
        }
        if (session.getMetadata().getKeyspace(keyspace).flatMap(metadata -> metadata.getTable(name + CHUNKS)).isEmpty()) {
            changeSchema(session, "create the table " + chunks, "CREATE TABLE IF NOT EXISTS " + chunks + " ("
                + "content uuid, chunk int, data blob, PRIMARY KEY (content, chunk)) "
                + "WITH comment = '" + what + ": the text, in chunks of at most 512 KiB'");
        }
        return DriverFailures.call("prepare the statements on " + table, () -> new PolicyTable(
            session.prepare("SELECT version, content, chunks, digest, text FROM " + table + " WHERE " + PARTITION + " LIMIT 1"),
            session.prepare("SELECT version, content, previous_content FROM " + table + " WHERE " + PARTITION + " LIMIT 1"),
            session.prepare("SELECT version FROM " + table + " WHERE " + PARTITION + " LIMIT 1"),
            session.prepare("UPDATE " + table + " SET version = ?, content = ?, previous_content = ?, chunks = ?, digest = ?, text = null,"
                + " at = ?, actor = ?, action = ?, before = ?, after = ? WHERE " + PARTITION + " AND change = ? IF version = ?"),
            session.prepare("SELECT change, at, actor, action, before, after FROM " + table + " WHERE " + PARTITION + " LIMIT ?"),
            session.prepare("INSERT INTO " + chunks + " (content, chunk, data) VALUES (?, ?, ?)"),
            session.prepare("SELECT chunk, data FROM " + chunks + " WHERE content = ?"),
            session.prepare("DELETE FROM " + chunks + " WHERE content = ?")));
    }

    private static void changeSchema(CqlSession session, String action, String cql) throws PolicyStoreException {
        DriverFailures.call(action, () -> session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_CHANGE_TIMEOUT)));
    }

    /** Binds nothing. Columns: version, content, chunks, digest, text (no row when nothing is stored). */
    final PreparedStatement selectHead;
    /** Binds nothing. Columns: version, content, previous_content: what a writer replaces. */
    final PreparedStatement selectContents;
    /** Binds nothing. Columns: version (no row when nothing is stored). */
    final PreparedStatement selectVersion;
    /**
     * Binds version, content, previous content, chunks, digest, at, actor, action, before, after, version again (the
     * change), and the expected version (null for none).
     */
    final PreparedStatement updateHead;
    /** Binds the limit. Columns: change, at, actor, action, before, after. */
    final PreparedStatement selectChanges;
    /** Binds content, chunk, data. */
    final PreparedStatement insertChunk;
    /** Binds content. Columns: chunk, data, in chunk order. */
    final PreparedStatement selectChunks;
    /** Binds content. */
    final PreparedStatement deleteChunks;

    private PolicyTable(PreparedStatement selectHead, PreparedStatement selectContents, PreparedStatement selectVersion,
                        PreparedStatement updateHead, PreparedStatement selectChanges, PreparedStatement insertChunk,
                        PreparedStatement selectChunks, PreparedStatement deleteChunks) {
        this.selectHead = selectHead;
        this.selectContents = selectContents;
        this.selectVersion = selectVersion;
        this.updateHead = updateHead;
        this.selectChanges = selectChanges;
        this.insertChunk = insertChunk;
        this.selectChunks = selectChunks;
        this.deleteChunks = deleteChunks;
    }
}
