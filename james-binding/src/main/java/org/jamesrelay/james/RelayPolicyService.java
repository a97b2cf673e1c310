package org.jamesrelay.james;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay policy in force in this James server, shared by the SMTP hooks, the matchers and the WebAdmin routes.
 * <p>
 * A background thread polls the policy's version and reads James's domains every refresh interval; when the version
 * changed, it applies the store's logged changes to the snapshot in force (only the relay domains they touch are
 * rebuilt), or reads and parses the whole policy when the store has no such log, and swaps in a new decider when either changed, so that a decision never
 * waits on the policy store and an unchanged policy costs the same whatever its size; the decider looks up James's aliases of
 * the addresses a logged-in client sends as (see {@link DirectoryMirror}). A policy that does not parse, or that
 * has no entry at all, is not applied: the last good one stays, and the error is logged. A policy edited by hand is
 * applied only once two reads in a row find the same text, so that a file caught half written is never applied.
 * Until both a policy and James's domains have been read, every decision is a temporary failure.
 */
public class RelayPolicyService {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayPolicyService.class);

    static final String REFRESH_THREAD = "james-relay-policy-refresh";

    private final PolicySource source;
    private final Optional<Refresher> refresher;
    private final DirectoryMirror directory;
    private final AtomicReference<AppliedPolicy> applied = new AtomicReference<>();
    private final AtomicReference<RelayDecider> decider = new AtomicReference<>(RelayDecider.failClosed("no relay policy read yet"));
    private final AtomicLong refusedVersion = new AtomicLong(StoredPolicy.NO_VERSION);
    private final AtomicLong lastSeenVersion = new AtomicLong(StoredPolicy.NO_VERSION);
    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicReference<Optional<Instant>> lastRead = new AtomicReference<>(Optional.empty());
    private final AtomicReference<String> lastRefusal = new AtomicReference<>("");
    private final AtomicBoolean storeFailing = new AtomicBoolean(false);

    private static final class AppliedPolicy {
        private final PolicySnapshot snapshot;
        private final RelayPolicy policy;
        private final long version;

        private AppliedPolicy(PolicySnapshot snapshot, long version) {
            this.snapshot = snapshot;
            this.policy = snapshot.policy();
            this.version = version;
        }
    }

    /**
     * Reads the directory and the policy now, then again every refresh interval on a thread of its own, until
     * {@link #close()}.
     */
    @Inject
    public RelayPolicyService(PolicySource source, JamesDirectoryReader directoryReader) {
        this(source, new DirectoryMirror(directoryReader, directoryReader), true);
    }

    /**
     * Reads the directory and the policy once now; {@link #refresh()} reads them again. Aliases are only those of the
     * directory read.
     *
     * @throws InvalidPolicyException when the source requires a valid policy at startup and has none
     */
    public RelayPolicyService(PolicySource source, DirectorySource directorySource) {
        this(source, directorySource, AliasSource.NONE);
    }

    /** As {@link #RelayPolicyService(PolicySource, DirectorySource)}, looking up aliases in {@code aliases} too. */
    public RelayPolicyService(PolicySource source, DirectorySource directorySource, AliasSource aliases) {
        this(source, new DirectoryMirror(directorySource, aliases), false);
    }

    private RelayPolicyService(PolicySource source, DirectoryMirror directory, boolean refreshPeriodically) {
        this.source = source;
        this.directory = directory;
        refreshDirectory();
        loadAtStartup();
        this.refresher = refreshPeriodically
            ? Optional.of(Refresher.every(source.refreshInterval(), REFRESH_THREAD, this::refresh))
            : Optional.empty();
    }

    private void loadAtStartup() {
        try {
            Optional<StoredPolicy> stored = source.store().read();
            lastRead.set(Optional.of(Instant.now()));
            if (stored.isEmpty()) {
                startupProblem(source.missingPolicyMessage(), null);
                return;
            }
            lastSeenVersion.set(stored.get().version());
            if (hasNoEntry(stored.get())) {
                startupProblem(emptyPolicyMessage(), null);
                return;
            }
            apply(stored.get().version(), parse(stored.get()));
        } catch (PolicyStoreException e) {
            startupProblem("Cannot read the relay policy from " + source.name() + ": " + e.getMessage(), e);
        } catch (PolicyFileException e) {
            startupProblem("Invalid relay policy: " + e.getMessage(), e);
        }
    }

    private void startupProblem(String message, Exception cause) {
        if (source.requiredAtStartup()) {
            throw new InvalidPolicyException(message, cause);
        }
        LOGGER.warn("{}; every decision is a temporary failure until a valid policy is read", message);
    }

    /**
     * The decider of the moment: a snapshot, to use for one decision or one session step. For a logged-in client it
     * looks up James's aliases of the sender (a keyed read, remembered until the next refresh).
     */
    public RelayDecider decider() {
        return decider.get();
    }

    /** The policy in force, or an empty one while none could be read. */
    public RelayPolicy policy() {
        return Optional.ofNullable(applied.get()).map(current -> current.policy).orElseGet(RelayPolicy::empty);
    }

    /** The version of the policy in force, {@link StoredPolicy#NO_VERSION} while none could be read. */
    public long policyVersion() {
        return Optional.ofNullable(applied.get()).map(current -> current.version).orElse(StoredPolicy.NO_VERSION);
    }

    /** The snapshot in force when it is of {@code version}: what an edit of that version is applied to. */
    public Optional<PolicySnapshot> snapshotAt(long version) {
        return Optional.ofNullable(applied.get()).filter(current -> current.version == version).map(current -> current.snapshot);
    }

    /** James's domains and domain aliases as last read, empty until they could be read once. */
    public Optional<LocalDirectory> directory() {
        return directory.current();
    }

    /** How many policies were applied since James started, the first one included. */
    public long policyLoads() {
        return loads.get();
    }

    /** How many stored policies were not applied because they were invalid or empty. */
    public long policyRefusals() {
        return refusals.get();
    }

    /** When the store was last read without error: the policy in force is at least that fresh. */
    public Optional<Instant> lastSuccessfulRead() {
        return lastRead.get();
    }

    /** Why the stored policy is not the one in force, while the store holds a policy that was refused. */
    public Optional<String> storedPolicyRefusal() {
        long stored = lastSeenVersion.get();
        return stored != StoredPolicy.NO_VERSION && stored == refusedVersion.get() && stored != policyVersion()
            ? Optional.of(lastRefusal.get()) : Optional.empty();
    }

    public Duration refreshInterval() {
        return source.refreshInterval();
    }

    public PolicyStore store() {
        return source.store();
    }

    public String sourceName() {
        return source.name();
    }

    /** The periodic read: James's directory, then the policy, a hand-edited one only once it reads the same twice. */
    public void refresh() {
        refreshDirectory();
        refreshPolicy(source.editedByHand());
    }

    /** Reads the store now and applies a changed, valid policy; called after each write through WebAdmin. */
    public void refreshPolicy() {
        refreshPolicy(false);
    }

    /**
     * Polls the version; when it is new and, if required, settled, applies the changes since the version in force to
     * its snapshot, or reads and parses the whole text when the store cannot give them or they cannot be applied alone.
     */
    private void refreshPolicy(boolean onlyOnceSettled) {
        try {
            long version = source.store().version();
            lastRead.set(Optional.of(Instant.now()));
            if (storeFailing.compareAndSet(true, false)) {
                LOGGER.info("The relay policy store {} can be read again", source.name());
            }
            if (version == StoredPolicy.NO_VERSION || !isNew(version, onlyOnceSettled) || appliedChanges()) {
                return;
            }
            Optional<StoredPolicy> stored = source.store().read();
            if (stored.isEmpty() || (stored.get().version() != version && !isNew(stored.get().version(), onlyOnceSettled))) {
                return;
            }
            if (hasNoEntry(stored.get())) {
                refused(stored.get().version(), emptyPolicyMessage());
                LOGGER.error("{}; not applied, the policy in force stays", emptyPolicyMessage());
                return;
            }
            apply(stored.get().version(), parse(stored.get()));
        } catch (PolicyStoreException e) {
            if (storeFailing.compareAndSet(false, true)) {
                LOGGER.warn("Cannot read the relay policy from {}: {}; the policy in force stays", source.name(), e.getMessage());
            }
        } catch (PolicyFileException e) {
            LOGGER.error("Invalid relay policy, not applied (the policy in force stays): {}", e.getMessage());
        }
    }

    /**
     * Applies the changes the store logged since the version in force, if it can give them all and each applies to the
     * snapshot without a whole parse; false when the whole text is to be read.
     */
    private boolean appliedChanges() throws PolicyStoreException {
        AppliedPolicy current = applied.get();
        if (current == null) {
            return false;
        }
        Optional<List<TextChange>> changes = source.store().changesSince(current.version);
        if (changes.isEmpty() || changes.get().isEmpty()) {
            return false;
        }
        PolicySnapshot snapshot = current.snapshot;
        for (TextChange change : changes.get()) {
            Optional<PolicySnapshot> next = snapshot.apply(change.diff());
            if (next.isEmpty() || !next.get().hasEntry()) {
                return false;
            }
            snapshot = next.get();
        }
        apply(changes.get().get(changes.get().size() - 1).version(), snapshot);
        return true;
    }

    /** Whether a version seen now is neither in force nor refused, and, if required, was already seen the time before. */
    private boolean isNew(long version, boolean onlyOnceSettled) {
        boolean settled = lastSeenVersion.getAndSet(version) == version;
        return version != policyVersion() && version != refusedVersion.get() && (settled || !onlyOnceSettled);
    }

    private void refused(long version, String why) {
        lastRefusal.set(why);
        refusedVersion.set(version);
        refusals.incrementAndGet();
    }

    private static boolean hasNoEntry(StoredPolicy stored) {
        return !PolicyDocument.hasEntry(stored.text());
    }

    private String emptyPolicyMessage() {
        return "The relay policy " + source.name() + " has no entry (an empty policy would refuse every relay domain's mail)";
    }

    private PolicySnapshot parse(StoredPolicy stored) throws PolicyFileException {
        try {
            return PolicySnapshot.parse(source.name(), stored.text());
        } catch (PolicyFileException e) {
            refused(stored.version(), "Invalid relay policy: " + e.getMessage());
            throw e;
        }
    }

    private synchronized void apply(long version, PolicySnapshot snapshot) {
        RelayPolicy policy = snapshot.policy();
        applied.set(new AppliedPolicy(snapshot, version));
        loads.incrementAndGet();
        if (policy.isOpenRelay()) {
            LOGGER.warn("James Relay runs in OPEN RELAY mode (relay-mode open-relay): ANY client may relay through this server. "
                + "Use it only on an isolated network.");
        }
        policy.trustedNetworks().stream().filter(TrustedNetwork::isWide).forEach(network -> LOGGER.warn(
            "James Relay trusts the WIDE network {} (trusted-network ... wide): every client in it may relay through this server", network.cidr().asString()));
        LOGGER.info("James Relay policy loaded: {} trusted networks, {} relay domains, {} sender logins, authenticated relay {}, "
                + "{} routes, {} sender routes, default route {}",
            policy.trustedNetworks().size(), policy.relayDomains().size(), policy.senderLogins().size(),
            policy.authenticatedRelay().mode().keyword(), policy.routes().recipientRoutes().size(),
            policy.routes().senderRoutes().size(), policy.routes().defaultOrDirect().transport());
        updateDecider();
    }

    /**
     * Stops the refresher, waiting for a read under way, then closes the store (and the Cassandra session it opened).
     * James calls it when it stops: the module binds this service in the injector of its extensions, whose
     * {@code @PreDestroy} methods James runs at shutdown.
     */
    @PreDestroy
    public void close() {
        refresher.ifPresent(Refresher::close);
        source.store().close();
        LOGGER.info("James Relay policy service closed: refresher stopped, store {} closed", source.name());
    }

    private void refreshDirectory() {
        if (directory.refresh()) {
            updateDecider();
        }
    }

    private synchronized void updateDecider() {
        AppliedPolicy currentPolicy = applied.get();
        Optional<LocalDirectory> currentDirectory = directory.current();
        if (currentPolicy != null && currentDirectory.isPresent()) {
            warnAboutOverlaps(currentPolicy.policy, currentDirectory.get());
            decider.set(new AliasResolvingDecider(currentPolicy.policy, currentDirectory.get(), directory.aliases()));
        }
    }

    private static void warnAboutOverlaps(RelayPolicy policy, LocalDirectory directory) {
        policy.relayDomains().keySet().stream()
            .filter(directory::isLocalDomain)
            .forEach(domain -> LOGGER.warn("{} is both a local domain of James and a relay domain of the policy: "
                + "it is treated as a relay domain (forwarded, never delivered locally)", domain));
    }
}
