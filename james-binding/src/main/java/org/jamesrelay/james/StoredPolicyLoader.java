package org.jamesrelay.james;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.TrustedNetwork;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stored policy and keeps the one in force for {@link RelayPolicyService}: applies the store's logged changes
 * to the snapshot in force, or parses the whole text when the store has no such log; refuses a policy that does not
 * parse or has no entry (the last good one stays); applies a hand-edited policy only once two reads in a row find the
 * same version.
 */
final class StoredPolicyLoader {
    // Operators and tests find these messages under the service's name, which is what they know.
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayPolicyService.class);

    private final PolicySource source;
    private final Runnable onApplied;
    private final AtomicReference<AppliedPolicy> applied = new AtomicReference<>();
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

    /** A policy text parsed, or the error that refuses it. */
    private static final class ParsedPolicy {
        private final Optional<PolicySnapshot> snapshot;
        private final Optional<PolicyFileException> error;

        private ParsedPolicy(Optional<PolicySnapshot> snapshot, Optional<PolicyFileException> error) {
            this.snapshot = snapshot;
            this.error = error;
        }

        static ParsedPolicy valid(PolicySnapshot snapshot) {
            return new ParsedPolicy(Optional.of(snapshot), Optional.empty());
        }

        static ParsedPolicy invalid(PolicyFileException error) {
            return new ParsedPolicy(Optional.empty(), Optional.of(error));
        }
    }

    /** {@code onApplied} runs after each policy applied, under this loader's lock. */
    StoredPolicyLoader(PolicySource source, Runnable onApplied) {
        this.source = source;
        this.onApplied = onApplied;
    }

    /** @throws InvalidPolicyException when the source requires a valid policy at startup and has none */
    void loadAtStartup() {
        try {
            Optional<Versioned<ParsedPolicy>> stored = readAndParse();
            lastRead.set(Optional.of(Instant.now()));
            if (stored.isEmpty()) {
                startupProblem(source.missingPolicyMessage(), null);
                return;
            }
            long version = stored.get().version();
            lastSeenVersion.set(version);
            Optional<String> refusal = refusal(stored.get());
            if (refusal.isPresent()) {
                startupProblem(refusal.get(), stored.get().value().error.orElse(null));
                return;
            }
            apply(version, stored.get().value().snapshot.orElseThrow());
        } catch (PolicyStoreException e) {
            startupProblem("Cannot read the relay policy from " + source.name() + ": " + e.getMessage(), e);
        }
    }

    private void startupProblem(String message, Exception cause) {
        if (source.requiredAtStartup()) {
            throw new InvalidPolicyException(message, cause);
        }
        LOGGER.warn("{}; every decision is a temporary failure until a valid policy is read", message);
    }

    /** The policy in force, while one could be read. */
    Optional<RelayPolicy> policy() {
        return Optional.ofNullable(applied.get()).map(current -> current.policy);
    }

    /** The version of the policy in force, {@link StoredPolicy#NO_VERSION} while none could be read. */
    long version() {
        return Optional.ofNullable(applied.get()).map(current -> current.version).orElse(StoredPolicy.NO_VERSION);
    }

    /** The snapshot in force when it is of {@code version}. */
    Optional<PolicySnapshot> snapshotAt(long version) {
        return Optional.ofNullable(applied.get()).filter(current -> current.version == version).map(current -> current.snapshot);
    }

    long loads() {
        return loads.get();
    }

    long refusals() {
        return refusals.get();
    }

    Optional<Instant> lastSuccessfulRead() {
        return lastRead.get();
    }

    /** Why the stored policy is not the one in force, while the store holds a policy that was refused. */
    Optional<String> storedPolicyRefusal() {
        long stored = lastSeenVersion.get();
        return stored != StoredPolicy.NO_VERSION && stored == refusedVersion.get() && stored != version()
            ? Optional.of(lastRefusal.get()) : Optional.empty();
    }

    /**
     * Polls the version; when it is new and, if required, settled, applies the changes since the version in force to
     * its snapshot, or reads and parses the whole text when the store cannot give them or they cannot be applied alone.
     */
    void refresh(boolean onlyOnceSettled) {
        try {
            long version = source.store().version();
            lastRead.set(Optional.of(Instant.now()));
            if (storeFailing.compareAndSet(true, false)) {
                LOGGER.info("The relay policy store {} can be read again", source.name());
            }
            if (version == StoredPolicy.NO_VERSION || !isNew(version, onlyOnceSettled) || appliedChanges()) {
                return;
            }
            Optional<Versioned<ParsedPolicy>> stored = readAndParse();
            if (stored.isEmpty() || (stored.get().version() != version && !isNew(stored.get().version(), onlyOnceSettled))) {
                return;
            }
            Optional<String> refusal = refusal(stored.get());
            if (refusal.isPresent()) {
                LOGGER.error("{}; not applied, the policy in force stays", refusal.get());
                return;
            }
            apply(stored.get().version(), stored.get().value().snapshot.orElseThrow());
        } catch (PolicyStoreException e) {
            if (storeFailing.compareAndSet(false, true)) {
                LOGGER.warn("Cannot read the relay policy from {}: {}; the policy in force stays", source.name(), e.getMessage());
            }
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

    /** See {@link RelayPolicyService#applyWritten}. */
    void applyWritten(long version, PolicySnapshot snapshot) {
        try {
            if (source.store().version() == version) {
                lastSeenVersion.set(version);
                apply(version, snapshot);
                return;
            }
        } catch (PolicyStoreException e) {
            LOGGER.warn("Cannot read the relay policy version from {}: {}; the policy written is applied at the next refresh", source.name(), e.getMessage());
            return;
        }
        refresh(false);
    }

    /** Whether a version seen now is neither in force nor refused, and, if required, was already seen the time before. */
    private boolean isNew(long version, boolean onlyOnceSettled) {
        boolean settled = lastSeenVersion.getAndSet(version) == version;
        return version != version() && version != refusedVersion.get() && (settled || !onlyOnceSettled);
    }

    private void refused(long version, String why) {
        lastRefusal.set(why);
        refusedVersion.set(version);
        refusals.incrementAndGet();
    }

    /** Parses the stored policy as it streams from the store: no text of the whole policy is ever built. */
    private Optional<Versioned<ParsedPolicy>> readAndParse() throws PolicyStoreException {
        return source.store().read(text -> {
            try {
                return ParsedPolicy.valid(PolicySnapshot.parse(source.name(), text));
            } catch (PolicyFileException e) {
                return ParsedPolicy.invalid(e);
            }
        });
    }

    /** Why a policy read is not to be applied (it does not parse, or has no entry), recorded as its version's refusal. */
    private Optional<String> refusal(Versioned<ParsedPolicy> stored) {
        ParsedPolicy parsed = stored.value();
        Optional<String> refusal = parsed.error.map(e -> "Invalid relay policy: " + e.getMessage())
            .or(() -> parsed.snapshot.filter(snapshot -> !snapshot.hasEntry()).map(snapshot -> emptyPolicyMessage()));
        refusal.ifPresent(why -> refused(stored.version(), why));
        return refusal;
    }

    private String emptyPolicyMessage() {
        return "The relay policy " + source.name() + " has no entry (an empty policy would refuse every relay domain's mail)";
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
        onApplied.run();
    }
}
