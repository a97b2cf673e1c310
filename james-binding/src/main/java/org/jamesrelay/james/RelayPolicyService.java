package org.jamesrelay.james;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.StoredPolicy;
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
 * applied only once two reads in a row find the same text, so that a file caught half written is never applied (see
 * {@link StoredPolicyLoader}).
 * Until both a policy and James's domains have been read, every decision is a temporary failure.
 */
public class RelayPolicyService {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayPolicyService.class);

    static final String REFRESH_THREAD = "james-relay-policy-refresh";

    private final PolicySource source;
    private final Optional<Refresher> refresher;
    private final DirectoryMirror directory;
    private final StoredPolicyLoader policies;
    private final AtomicReference<RelayDecider> decider = new AtomicReference<>(RelayDecider.failClosed("no relay policy read yet"));

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
        this.policies = new StoredPolicyLoader(source, this::updateDecider);
        refreshDirectory();
        policies.loadAtStartup();
        this.refresher = refreshPeriodically
            ? Optional.of(Refresher.every(source.refreshInterval(), REFRESH_THREAD, this::refresh))
            : Optional.empty();
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
        return policies.policy().orElseGet(RelayPolicy::empty);
    }

    /** The version of the policy in force, {@link StoredPolicy#NO_VERSION} while none could be read. */
    public long policyVersion() {
        return policies.version();
    }

    /** The snapshot in force when it is of {@code version}: what an edit of that version is applied to. */
    public Optional<PolicySnapshot> snapshotAt(long version) {
        return policies.snapshotAt(version);
    }

    /** James's domains and domain aliases as last read, empty until they could be read once. */
    public Optional<LocalDirectory> directory() {
        return directory.current();
    }

    /** How many policies were applied since James started, the first one included. */
    public long policyLoads() {
        return policies.loads();
    }

    /** How many stored policies were not applied because they were invalid or empty. */
    public long policyRefusals() {
        return policies.refusals();
    }

    /** When the store was last read without error: the policy in force is at least that fresh. */
    public Optional<Instant> lastSuccessfulRead() {
        return policies.lastSuccessfulRead();
    }

    /** Why the stored policy is not the one in force, while the store holds a policy that was refused. */
    public Optional<String> storedPolicyRefusal() {
        return policies.storedPolicyRefusal();
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
        policies.refresh(source.editedByHand());
    }

    /** Reads the store now and applies a changed, valid policy; called after each write through WebAdmin. */
    public void refreshPolicy() {
        policies.refresh(false);
    }

    /**
     * Applies {@code snapshot}, the policy this node just wrote whole as {@code version} (an import it parsed to validate
     * it), unless the store moved past that version meanwhile: then reads the store as {@link #refreshPolicy} does.
     */
    public void applyWritten(long version, PolicySnapshot snapshot) {
        policies.applyWritten(version, snapshot);
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
        Optional<RelayPolicy> currentPolicy = policies.policy();
        Optional<LocalDirectory> currentDirectory = directory.current();
        if (currentPolicy.isPresent() && currentDirectory.isPresent()) {
            warnAboutOverlaps(currentPolicy.get(), currentDirectory.get());
            decider.set(new AliasResolvingDecider(currentPolicy.get(), currentDirectory.get(), directory.aliases()));
        }
    }

    private static void warnAboutOverlaps(RelayPolicy policy, LocalDirectory directory) {
        policy.relayDomains().keySet().stream()
            .filter(directory::isLocalDomain)
            .forEach(domain -> LOGGER.warn("{} is both a local domain of James and a relay domain of the policy: "
                + "it is treated as a relay domain (forwarded, never delivered locally)", domain));
    }
}
