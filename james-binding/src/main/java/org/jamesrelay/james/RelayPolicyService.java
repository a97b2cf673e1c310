package org.jamesrelay.james;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay policy in force in this James server, shared by the SMTP hooks and the matchers.
 * <p>
 * The policy file is read once, at startup. James's domains and aliases are mirrored by a background thread every
 * {@link #DIRECTORY_REFRESH}, so that {@code james-cli AddDomain} takes effect without a restart while a decision
 * itself never waits on a store. Until the first mirror succeeds every decision is a temporary failure.
 */
@Singleton
public class RelayPolicyService {
    public static final Duration DIRECTORY_REFRESH = Duration.ofSeconds(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayPolicyService.class);

    private final RelayPolicy policy;
    private final DirectorySource directorySource;
    private final AtomicReference<LocalDirectory> directory = new AtomicReference<>();
    private final AtomicReference<RelayDecider> decider;
    private final AtomicBoolean failing = new AtomicBoolean(false);

    @Inject
    public RelayPolicyService(FileSystem fileSystem, JamesDirectoryReader directoryReader) {
        this(new PolicyFile(policyPath(fileSystem)).load(), directoryReader);
        ScheduledExecutorService mirror = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "james-relay-directory-mirror");
            thread.setDaemon(true);
            return thread;
        });
        mirror.scheduleWithFixedDelay(this::refreshDirectory, DIRECTORY_REFRESH.toMillis(), DIRECTORY_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A service that reads the directory once now, and again whenever {@link #refreshDirectory()} is called.
     */
    public RelayPolicyService(RelayPolicy policy, DirectorySource directorySource) {
        this.policy = Objects.requireNonNull(policy);
        this.directorySource = directorySource;
        this.decider = new AtomicReference<>(RelayDecider.failClosed("James's domains have not been read yet"));
        if (policy.isOpenRelay()) {
            LOGGER.warn("James Relay runs in OPEN RELAY mode (relay-mode open-relay): ANY client may relay through this server. "
                + "Use it only on an isolated network.");
        }
        LOGGER.info("James Relay policy loaded: {} trusted networks, {} relay domains, {} sender logins, authenticated relay {}",
            policy.trustedNetworks().size(), policy.relayDomains().size(), policy.senderLogins().size(),
            policy.authenticatedRelay().mode().keyword());
        refreshDirectory();
    }

    private static java.nio.file.Path policyPath(FileSystem fileSystem) {
        try {
            return fileSystem.getFile(PolicyFile.LOCATION).toPath();
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidPolicyException("Cannot locate " + PolicyFile.LOCATION + ": " + e.getMessage(), e);
        }
    }

    /** The decider of the moment: a snapshot, to use for one decision or one session step. */
    public RelayDecider decider() {
        return decider.get();
    }

    public RelayPolicy policy() {
        return policy;
    }

    public void refreshDirectory() {
        try {
            LocalDirectory fresh = directorySource.read();
            if (!fresh.equals(directory.get())) {
                directory.set(fresh);
                warnAboutOverlaps(fresh);
                decider.set(new PolicyDecider(policy, fresh));
            }
            if (failing.compareAndSet(true, false)) {
                LOGGER.info("James's domains and aliases can be read again");
            }
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                LOGGER.warn("Cannot read James's domains and aliases; decisions use the last copy ({})",
                    directory.get() == null ? "none yet: answering with temporary failures" : "kept", e);
            }
        }
    }

    private void warnAboutOverlaps(LocalDirectory fresh) {
        policy.relayDomains().keySet().stream()
            .filter(fresh::isLocalDomain)
            .forEach(domain -> LOGGER.warn("{} is both a local domain of James and a relay domain of the policy: "
                + "it is treated as a relay domain (forwarded, never delivered locally)", domain));
    }
}
