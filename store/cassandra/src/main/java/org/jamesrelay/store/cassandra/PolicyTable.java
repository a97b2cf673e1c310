package org.jamesrelay.store.cassandra;

import java.time.Duration;

import org.jamesrelay.store.PolicyStoreException;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The table that holds the policy and its audit trail, all in one partition: the current text and version are
 * static columns, and each change is a row keyed by the version it produced, newest first. So one lightweight
 * transaction writes a change and its audit row together (a conditional batch cannot span two tables or two
 * partitions), and the audit needs no buckets: policy changes are made by people, a few a day, so the partition
 * stays far below the sizes where Cassandra suffers (at about 1 KiB a change, 100 MB is 100,000 changes). Old
 * changes can be pruned with {@code DELETE FROM relay_policy WHERE name = 'relay' AND change < N}. The DKIM keys are
 * kept the same way, in a table of their own ({@link #DKIM_KEYS}), so that a grant on the policy is none on the keys.
 */
final class PolicyTable {
    static final String NAME = "relay_policy";
    static final String DKIM_KEYS = "relay_dkim_keys";

    private static final String PARTITION = "name = 'relay'";
    private static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    /** Creates the keyspace and the table if absent, and prepares the statements. */
    static PolicyTable create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, NAME, "James Relay: the relay policy (static columns) and its changes, newest first");
    }

    /** The DKIM keyring (static columns, private keys included) and its changes. */
    static PolicyTable createDkimKeys(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, DKIM_KEYS, "James Relay: the DKIM signing keys (static columns) and their changes, newest first");
    }

    private static PolicyTable create(CqlSession session, CassandraStoreConfiguration configuration, String name, String comment)
        throws PolicyStoreException {
        String keyspace = configuration.keyspace();
        String table = keyspace + "." + name;
        // Known tables are not created again: no needless schema change when every relay node restarts.
        if (session.getMetadata().getKeyspace(keyspace).flatMap(known -> known.getTable(name)).isEmpty()) {
            changeSchema(session, "create the keyspace " + keyspace, "CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + configuration.replicationFactor() + "}");
            changeSchema(session, "create the table " + table, "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "name text, "
                + "version bigint static, "
                + "text text static, "
                + "change bigint, "
                + "at timestamp, "
                + "actor text, "
                + "action text, "
                + "before text, "
                + "after text, "
                + "PRIMARY KEY (name, change)) "
                + "WITH CLUSTERING ORDER BY (change DESC) "
                + "AND comment = '" + comment + "'");
        }
        return DriverFailures.call("prepare the statements on " + table, () -> new PolicyTable(
            session.prepare("SELECT version, text FROM " + table + " WHERE " + PARTITION + " LIMIT 1"),
            session.prepare("SELECT version FROM " + table + " WHERE " + PARTITION + " LIMIT 1"),
            session.prepare("UPDATE " + table + " SET version = ?, text = ?, at = ?, actor = ?, action = ?, before = ?, after = ?"
                + " WHERE " + PARTITION + " AND change = ? IF version = ?"),
            session.prepare("SELECT change, at, actor, action, before, after FROM " + table + " WHERE " + PARTITION + " LIMIT ?")));
    }

    private static void changeSchema(CqlSession session, String action, String cql) throws PolicyStoreException {
        DriverFailures.call(action, () -> session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_CHANGE_TIMEOUT)));
    }

    /** Binds nothing. Columns: version, text (no row when nothing is stored). */
    final PreparedStatement selectPolicy;
    /** Binds nothing. Columns: version (no row when nothing is stored). */
    final PreparedStatement selectVersion;
    /** Binds version, text, at, actor, action, before, after, version again (the change), and the expected version (null for none). */
    final PreparedStatement updatePolicy;
    /** Binds the limit. Columns: change, at, actor, action, before, after. */
    final PreparedStatement selectChanges;

    private PolicyTable(PreparedStatement selectPolicy, PreparedStatement selectVersion, PreparedStatement updatePolicy,
                        PreparedStatement selectChanges) {
        this.selectPolicy = selectPolicy;
        this.selectVersion = selectVersion;
        this.updatePolicy = updatePolicy;
        this.selectChanges = selectChanges;
    }
}
