package org.jamesrelay.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.file.FilePolicyStore;

/**
 * The store this node reads its policy from, as {@code conf/relay-store.properties} says, with how to name it in
 * messages and whether James may start without a valid policy in it.
 */
public final class PolicySource {
    static final String POLICY_FILE = "file://conf/relay-policy.conf";
    static final String AUDIT_FILE = "file://var/relay-policy-audit.log";

    private final PolicyStore store;
    private final String name;
    private final boolean requiredAtStartup;
    private final Duration refreshInterval;

    /**
     * The policy file itself: it must exist and be valid when James starts, as an operator editing it expects.
     */
    public static PolicySource file(Path policyFile, Path auditFile, Duration refreshInterval) {
        return new PolicySource(new FilePolicyStore(policyFile, auditFile, Clock.systemUTC()), policyFile.toString(), true, refreshInterval);
    }

    public static PolicySource open(FileSystem fileSystem) {
        RelayStoreConfiguration configuration = RelayStoreConfiguration.load(locate(fileSystem, RelayStoreConfiguration.LOCATION));
        switch (configuration.kind()) {
            case FILE:
                return file(locate(fileSystem, POLICY_FILE), locate(fileSystem, AUDIT_FILE), configuration.refreshInterval());
            default:
                throw configuration.invalid("store", configuration.kind() + " is not available in this build");
        }
    }

    public PolicySource(PolicyStore store, String name, boolean requiredAtStartup, Duration refreshInterval) {
        this.store = store;
        this.name = name;
        this.requiredAtStartup = requiredAtStartup;
        this.refreshInterval = refreshInterval;
    }

    private static Path locate(FileSystem fileSystem, String location) {
        try {
            return fileSystem.getFile(location).toPath();
        } catch (FileNotFoundException e) {
            throw new InvalidPolicyException("Cannot locate " + location + ": " + e.getMessage(), e);
        }
    }

    public PolicyStore store() {
        return store;
    }

    public String name() {
        return name;
    }

    public boolean requiredAtStartup() {
        return requiredAtStartup;
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }

    String missingPolicyMessage() {
        return requiredAtStartup
            ? "The relay policy file " + name + " does not exist; James Relay needs it to decide who may relay (see docs/configuration.md)"
            : "No relay policy is stored in " + name + " yet";
    }
}
