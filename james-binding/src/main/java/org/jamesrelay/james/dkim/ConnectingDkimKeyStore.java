package org.jamesrelay.james.dkim;

import java.util.List;
import java.util.Optional;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;

/** A remote key store that may be unreachable when James starts: each operation first connects if it is not yet. */
final class ConnectingDkimKeyStore implements DkimKeyStore {
    @FunctionalInterface
    interface Connector {
        DkimKeyStore connect() throws PolicyStoreException;
    }

    private final Connector connector;
    private DkimKeyStore connected;

    ConnectingDkimKeyStore(Connector connector) {
        this.connector = connector;
    }

    private synchronized DkimKeyStore store() throws PolicyStoreException {
        if (connected == null) {
            connected = connector.connect();
        }
        return connected;
    }

    @Override
    public Optional<StoredKeys> read() throws PolicyStoreException {
        return store().read();
    }

    @Override
    public long version() throws PolicyStoreException {
        return store().version();
    }

    @Override
    public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store().write(text, expectedVersion, change);
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return store().audit(limit);
    }

    @Override
    public synchronized void close() {
        if (connected != null) {
            connected.close();
        }
    }
}
