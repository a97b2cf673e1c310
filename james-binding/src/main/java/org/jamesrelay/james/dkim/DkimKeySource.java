package org.jamesrelay.james.dkim;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.james.InvalidPolicyException;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayStoreConfiguration;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.cassandra.CassandraDkimKeyStore;
import org.jamesrelay.store.cassandra.CassandraStoreConfiguration;
import org.jamesrelay.store.file.FileDkimKeyStore;

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

    static DkimKeySource open(FileSystem fileSystem) {
        RelayStoreConfiguration configuration = RelayStoreConfiguration.load(locate(fileSystem, RelayStoreConfiguration.LOCATION));
        if (configuration.kind() == RelayStoreConfiguration.Kind.CASSANDRA) {
            CassandraStoreConfiguration cassandra = PolicySource.cassandraConfiguration(configuration);
            return new DkimKeySource(new ConnectingDkimKeyStore(() -> CassandraDkimKeyStore.connect(cassandra)),
                "Cassandra keyspace " + cassandra.keyspace() + " at " + cassandra.contactPoints(), configuration.refreshInterval());
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
