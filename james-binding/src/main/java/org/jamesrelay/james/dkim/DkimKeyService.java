package org.jamesrelay.james.dkim;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.jamesrelay.dkim.DkimKeyring;
import org.jamesrelay.james.Refresher;
import org.jamesrelay.dkim.KeyringText;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DKIM keys in force on this node: a snapshot of the key store, read again every refresh interval of the policy
 * store by a background thread, so that signing a mail never waits on a store. A stored keyring that cannot be read
 * is not applied: the keys in force stay, and the error is logged (it names a line, never a key). Until the keys
 * were read once, there is no keyring, and mail of signing domains cannot be signed.
 */
@Singleton
public class DkimKeyService {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimKeyService.class);

    public static final String REFRESH_THREAD = "james-relay-dkim-refresh";

    private final DkimKeySource source;
    private final Optional<Refresher> refresher;
    private final AtomicReference<DkimKeyring> keyring = new AtomicReference<>();
    private final AtomicLong version = new AtomicLong(StoredKeys.NO_VERSION);
    private final AtomicLong refusedVersion = new AtomicLong(StoredKeys.NO_VERSION);
    private final AtomicBoolean storeFailing = new AtomicBoolean(false);

    /** Reads the keys now, then again every refresh interval on a thread of its own, until {@link #close()}. */
    @Inject
    public DkimKeyService(DkimKeySource source) {
        this(source, true);
    }

    /** Reads the keys once now; {@link #refresh()} reads them again. */
    public static DkimKeyService readOnce(DkimKeySource source) {
        return new DkimKeyService(source, false);
    }

    private DkimKeyService(DkimKeySource source, boolean refreshPeriodically) {
        this.source = source;
        refresh();
        this.refresher = refreshPeriodically
            ? Optional.of(Refresher.every(source.refreshInterval(), REFRESH_THREAD, this::refresh))
            : Optional.empty();
    }

    /** Stops the refresher, waiting for a read under way, then closes the store; James calls it when it stops. */
    @PreDestroy
    public void close() {
        refresher.ifPresent(Refresher::close);
        source.store().close();
        LOGGER.info("James Relay DKIM key service closed: refresher stopped, store {} closed", source.name());
    }

    /** The keys in force, empty until they could be read once. */
    public Optional<DkimKeyring> keyring() {
        return Optional.ofNullable(keyring.get());
    }

    public DkimKeyStore store() {
        return source.store();
    }

    public String sourceName() {
        return source.name();
    }

    public Duration refreshInterval() {
        return source.refreshInterval();
    }

    /** Reads the store and applies changed keys; called periodically and after each change made on this node. */
    public synchronized void refresh() {
        try {
            Optional<StoredKeys> stored = source.store().read();
            if (storeFailing.compareAndSet(true, false)) {
                LOGGER.info("The DKIM key store {} can be read again", source.name());
            }
            if (stored.isEmpty()) {
                keyring.compareAndSet(null, DkimKeyring.empty());
                return;
            }
            long storedVersion = stored.get().version();
            if (storedVersion == version.get() || storedVersion == refusedVersion.get()) {
                return;
            }
            apply(stored.get());
        } catch (PolicyStoreException e) {
            if (storeFailing.compareAndSet(false, true)) {
                LOGGER.error("Cannot read the DKIM keys from {}: {}; the keys in force stay ({})", source.name(), e.getMessage(),
                    keyring.get() == null ? "none yet: mail of signing domains follows their on-failure choice" : "kept");
            }
        }
    }

    private void apply(StoredKeys stored) {
        try {
            DkimKeyring fresh = KeyringText.parse(stored.text());
            keyring.set(fresh);
            version.set(stored.version());
            LOGGER.info("DKIM keys loaded from {}: {} signing domains, {} active keys", source.name(), fresh.domains().size(),
                fresh.domains().stream().mapToLong(domain -> domain.activeKeys().size()).sum());
        } catch (IllegalArgumentException e) {
            refusedVersion.set(stored.version());
            LOGGER.error("The DKIM keys in {} cannot be read, not applied (the keys in force stay): {}", source.name(), e.getMessage());
        }
    }
}
