package org.jamesrelay.james.dkim;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.james.InvalidPolicyException;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayStoreConfiguration;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.cassandra.CassandraDkimKeyStore;
import org.jamesrelay.store.cassandra.CassandraStoreConfiguration;
import org.jamesrelay.store.file.FileDkimKeyStore;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Where this node reads its DKIM keys: beside the policy, in the store {@code conf/relay-store.properties} names.
 * With the file store, {@code var/dkim/keys.conf} (var/ survives restarts and upgrades, conf/ is the operator's);
 * with Cassandra, the table {@code relay_dkim_keys} of the policy's keyspace.
 */
public final class DkimKeySource {
    static final String KEY_FILE = "file://var/dkim/keys.conf";
    static final String AUDIT_FILE = "file://var/relay-dkim-audit.log";

    private final DkimKeyStore store;
    private final String name;
    private final Duration refreshInterval;

    public DkimKeySource(DkimKeyStore store, String name, Duration refreshInterval) {
        this.store = store;
        this.name = name;
        this.refreshInterval = refreshInterval;
    }

    public static DkimKeySource file(Path keyFile, Path auditFile, Duration refreshInterval) {
        return new DkimKeySource(new FileDkimKeyStore(keyFile, auditFile, Clock.systemUTC()), keyFile.toString(), refreshInterval);
    }

    /**
     * @param jamesSession the Cassandra session of the James server, when it has one: a Cassandra store then uses it
     *                     rather than a session of its own, as the policy store does
     */
    public static DkimKeySource open(FileSystem fileSystem, Optional<CqlSession> jamesSession) {
        RelayStoreConfiguration configuration = RelayStoreConfiguration.load(locate(fileSystem, RelayStoreConfiguration.LOCATION));
        if (configuration.kind() == RelayStoreConfiguration.Kind.CASSANDRA) {
            CassandraStoreConfiguration cassandra = PolicySource.cassandraConfiguration(configuration);
            ConnectingDkimKeyStore.Connector connector = jamesSession
                .<ConnectingDkimKeyStore.Connector>map(session -> () -> CassandraDkimKeyStore.create(session, cassandra))
                .orElse(() -> CassandraDkimKeyStore.connect(cassandra));
            String where = jamesSession.isPresent() ? "through James's Cassandra session" : "at " + cassandra.contactPoints();
            return new DkimKeySource(new ConnectingDkimKeyStore(connector), "Cassandra keyspace " + cassandra.keyspace() + " " + where,
                configuration.refreshInterval());
        }
        return file(locate(fileSystem, KEY_FILE), locate(fileSystem, AUDIT_FILE), configuration.refreshInterval());
    }

    private static Path locate(FileSystem fileSystem, String location) {
        try {
            return fileSystem.getFile(location).toPath();
        } catch (FileNotFoundException e) {
            throw new InvalidPolicyException("Cannot locate " + location + ": " + e.getMessage(), e);
        }
    }

    public DkimKeyStore store() {
        return store;
    }

    public String name() {
        return name;
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }
}
