package org.jamesrelay.james;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.core.TextDiff;
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

/**
 * A remote store that may be unreachable when James starts: each operation first connects if it is not connected
 * yet, so the node starts (answering with temporary failures) and joins the cluster's policy once the store answers.
 * A store that holds no policy yet is seeded with the local policy file, if there is one. Once closed, it closes the
 * store it connected and never connects again.
 */
final class ConnectingPolicyStore implements PolicyStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectingPolicyStore.class);

    @FunctionalInterface
    interface Connector {
        PolicyStore connect() throws PolicyStoreException;
    }

    private final Connector connector;
    private final Path seedFile;
    private PolicyStore connected;
    private boolean closed;

    ConnectingPolicyStore(Connector connector, Path seedFile) {
        this.connector = connector;
        this.seedFile = seedFile;
    }

    private synchronized PolicyStore store() throws PolicyStoreException {
        if (closed) {
            throw new PolicyStoreException("the relay policy store is closed: James is stopping");
        }
        if (connected == null) {
            PolicyStore store = connector.connect();
            seedIfEmpty(store);
            connected = store;
        }
        return connected;
    }

    private void seedIfEmpty(PolicyStore store) throws PolicyStoreException {
        if (store.version() != StoredPolicy.NO_VERSION) {
            return;
        }
        try {
            String text = Files.readString(seedFile, StandardCharsets.UTF_8);
            store.write(text, StoredPolicy.NO_VERSION, PolicyChange.ofTexts("james-relay", "seed from " + seedFile, "", text));
            LOGGER.info("The relay policy store was empty: seeded it with {}", seedFile);
        } catch (NoSuchFileException e) {
            LOGGER.warn("The relay policy store is empty and there is no {} to seed it with", seedFile);
        } catch (VersionConflictException e) {
            LOGGER.info("Another relay node seeded the policy store first");
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + seedFile + " to seed the store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredPolicy> read() throws PolicyStoreException {
        return store().read();
    }

    @Override
    public <R, E extends Exception> Optional<Versioned<R>> read(TextReading<R, E> reading) throws PolicyStoreException, E {
        return store().read(reading);
    }

    @Override
    public long version() throws PolicyStoreException {
        return store().version();
    }

    @Override
    public StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store().write(text, expectedVersion, change);
    }

    @Override
    public long writeStreamed(Reader text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store().writeStreamed(text, expectedVersion, change);
    }

    @Override
    public long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store().writeChange(diff, expectedVersion, change);
    }

    @Override
    public Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        return store().changesSince(version);
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return store().audit(limit);
    }

    /** The counts of the store once connected; each call connects first if needed. */
    @Override
    public Optional<SharedCounters> sharedCounters() {
        return Optional.of(new SharedCounters() {
            @Override
            public void add(String limit, long window, Map<String, Long> deltas) throws PolicyStoreException {
                connectedCounters().add(limit, window, deltas);
            }

            @Override
            public Map<String, Long> read(String limit, long window) throws PolicyStoreException {
                return connectedCounters().read(limit, window);
            }
        });
    }

    private SharedCounters connectedCounters() throws PolicyStoreException {
        return store().sharedCounters().orElseThrow(() -> new PolicyStoreException("this store shares no rate-limit counts"));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connected != null) {
            connected.close();
            connected = null;
        }
    }
}
