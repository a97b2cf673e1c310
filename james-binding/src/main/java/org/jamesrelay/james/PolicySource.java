package org.jamesrelay.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.james.filesystem.api.FileSystem;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.cassandra.CassandraPolicyStore;
import org.jamesrelay.store.cassandra.CassandraStoreConfiguration;
import org.jamesrelay.store.file.FilePolicyStore;

import com.datastax.oss.driver.api.core.CqlSession;

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
    private final boolean editedByHand;
    private final Duration refreshInterval;

    /**
     * The policy file itself: it must exist and be valid when James starts, as an operator editing it expects; it is
     * edited by hand, so a change is applied only once it reads the same twice.
     */
    public static PolicySource file(Path policyFile, Path auditFile, Duration refreshInterval) {
        return new PolicySource(new FilePolicyStore(policyFile, auditFile, Clock.systemUTC()), policyFile.toString(), true, true, refreshInterval);
    }

    /**
     * @param jamesSession the Cassandra session of the James server, when it has one: a Cassandra store then uses it
     *                     rather than a session of its own
     */
    public static PolicySource open(FileSystem fileSystem, Optional<CqlSession> jamesSession) {
        RelayStoreConfiguration configuration = RelayStoreConfiguration.load(locate(fileSystem, RelayStoreConfiguration.LOCATION));
        switch (configuration.kind()) {
            case CASSANDRA:
                return cassandra(configuration, locate(fileSystem, POLICY_FILE), jamesSession);
            case FILE:
            default:
                return file(locate(fileSystem, POLICY_FILE), locate(fileSystem, AUDIT_FILE), configuration.refreshInterval());
        }
    }

    /**
     * A Cassandra keyspace shared by several relay nodes. James starts even when Cassandra does not answer: the node
     * then answers with temporary failures until it has read a policy. An empty keyspace is seeded with the policy file.
     * With James's session, the contact points and datacenter of the configuration are not used, and the session is
     * James's to close.
     */
    static PolicySource cassandra(RelayStoreConfiguration configuration, Path seedFile, Optional<CqlSession> jamesSession) {
        CassandraStoreConfiguration cassandra = cassandraConfiguration(configuration);
        ConnectingPolicyStore.Connector connector = jamesSession
            .<ConnectingPolicyStore.Connector>map(session -> () -> CassandraPolicyStore.create(session, cassandra))
            .orElse(() -> CassandraPolicyStore.connect(cassandra));
        String where = jamesSession.isPresent() ? "through James's Cassandra session" : "at " + cassandra.contactPoints();
        String name = "Cassandra keyspace " + cassandra.keyspace() + " " + where;
        return new PolicySource(new ConnectingPolicyStore(connector, seedFile), name, false, false, configuration.refreshInterval());
    }

    /** The Cassandra settings of the store configuration; the DKIM key store uses the same keyspace. */
    public static CassandraStoreConfiguration cassandraConfiguration(RelayStoreConfiguration configuration) {
        CassandraStoreConfiguration.Builder builder = CassandraStoreConfiguration.builder();
        apply(configuration, "cassandra.contact.points", () -> {
            List<String> points = configuration.values("cassandra.contact.points");
            if (!points.isEmpty()) {
                builder.contactPoints(points);
            }
        });
        apply(configuration, "cassandra.local.datacenter", () -> configuration.value("cassandra.local.datacenter").ifPresent(builder::localDatacenter));
        apply(configuration, "cassandra.keyspace", () -> configuration.value("cassandra.keyspace").ifPresent(builder::keyspace));
        apply(configuration, "cassandra.replication.factor", () -> configuration.value("cassandra.replication.factor")
            .ifPresent(value -> builder.replicationFactor(Integer.parseInt(value))));
        apply(configuration, "cassandra.request.timeout", () -> configuration.value("cassandra.request.timeout")
            .ifPresent(value -> builder.requestTimeout(RelayStoreConfiguration.duration(value, configuration.source(), "cassandra.request.timeout"))));
        return builder.build();
    }

    /** Runs one step of the configuration, turning a refused value into an error that names the file and the key. */
    private static void apply(RelayStoreConfiguration configuration, String key, Runnable step) {
        try {
            step.run();
        } catch (InvalidPolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw configuration.invalid(key, e.getMessage());
        }
    }

    public PolicySource(PolicyStore store, String name, boolean requiredAtStartup, Duration refreshInterval) {
        this(store, name, requiredAtStartup, false, refreshInterval);
    }

    /**
     * @param editedByHand whether the policy may be rewritten in place by a text editor, so that one read can see it
     *                     half written
     */
    public PolicySource(PolicyStore store, String name, boolean requiredAtStartup, boolean editedByHand, Duration refreshInterval) {
        this.store = store;
        this.name = name;
        this.requiredAtStartup = requiredAtStartup;
        this.editedByHand = editedByHand;
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

    public boolean editedByHand() {
        return editedByHand;
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
