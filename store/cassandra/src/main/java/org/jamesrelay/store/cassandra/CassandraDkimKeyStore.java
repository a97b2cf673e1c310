package org.jamesrelay.store.cassandra;

import java.util.List;
import java.util.Optional;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The DKIM keys in Cassandra, in the table {@code relay_dkim_keys} of the policy's keyspace: every relay node
 * connected to it signs with the same keys. Written and read like the policy (see {@link CassandraPolicyStore}:
 * one lightweight transaction per change with its audit row, reads at QUORUM). The private keys are as safe as the
 * keyspace: restrict who may read that table (a Cassandra role per relay node).
 */
public final class CassandraDkimKeyStore implements DkimKeyStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraDkimKeyStore.class);

    private final CassandraPolicyStore texts;

    /** Opens a session of its own, creates the table if absent; {@link #close()} closes the session. */
    public static CassandraDkimKeyStore connect(CassandraStoreConfiguration configuration) throws PolicyStoreException {
        String contactPoints = String.join(", ", configuration.contactPoints());
        CqlSession session = DriverFailures.call("connect to Cassandra at " + contactPoints, () -> CassandraSessions.open(configuration));
        try {
            CassandraDkimKeyStore store = new CassandraDkimKeyStore(CassandraPolicyStore.on(session,
                PolicyTable.createDkimKeys(session, configuration), configuration, true));
            LOGGER.info("DKIM key store on Cassandra at {}, keyspace {}", contactPoints, configuration.keyspace());
            return store;
        } catch (PolicyStoreException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A store on a session the caller owns and closes. Creates the table if absent. */
    public static CassandraDkimKeyStore create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return new CassandraDkimKeyStore(CassandraPolicyStore.on(session, PolicyTable.createDkimKeys(session, configuration), configuration, false));
    }

    private CassandraDkimKeyStore(CassandraPolicyStore texts) {
        this.texts = texts;
    }

    @Override
    public Optional<StoredKeys> read() throws PolicyStoreException {
        return texts.read().map(StoredKeys::of);
    }

    @Override
    public long version() throws PolicyStoreException {
        return texts.version();
    }

    @Override
    public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return StoredKeys.of(texts.write(text, expectedVersion, change));
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return texts.audit(limit);
    }

    @Override
    public void close() {
        texts.close();
    }
}
