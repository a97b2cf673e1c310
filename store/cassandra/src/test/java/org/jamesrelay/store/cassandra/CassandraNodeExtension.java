package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The one Cassandra node of a test run, shared by every test class that registers this extension:
 * {@code @RegisterExtension static final CassandraNodeExtension cassandra = new CassandraNodeExtension();}
 * (one node for each {@link CassandraNodeSetup} asked for). Started before the first of these classes, stopped when all
 * tests of the run are done. After each test the node runs again, even if the test killed or paused it.
 */
public final class CassandraNodeExtension implements BeforeAllCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraNodeExtension.class);

    private static final class SharedNode implements ExtensionContext.Store.CloseableResource {
        private final CassandraNode node;

        SharedNode(CassandraNodeSetup setup) {
            try {
                this.node = CassandraNode.start(setup);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            node.stop();
        }
    }

    private final CassandraNodeSetup setup;
    private volatile CassandraNode node;

    /** A node tuned for tests. */
    public CassandraNodeExtension() {
        this(CassandraNodeSetup.TEST);
    }

    public CassandraNodeExtension(CassandraNodeSetup setup) {
        this.setup = setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(setup, key -> new SharedNode(setup), SharedNode.class)
            .node;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        node.ensureRunning();
    }

    public CassandraNode node() {
        if (node == null) {
            throw new IllegalStateException("no Cassandra node yet: register the extension on a static field");
        }
        return node;
    }

    /** A new session with this node, as James would hand one to the stores; the caller closes it. */
    public CqlSession newSession() {
        return CqlSession.builder()
            .addContactPoint(node().address())
            .withLocalDatacenter(CassandraNode.DATACENTER)
            .build();
    }

    /** A store configuration for this node: its contact point and datacenter, and the given keyspace. */
    public CassandraStoreConfiguration.Builder configuration(String keyspace) {
        return CassandraStoreConfiguration.builder()
            .contactPoints(node().contactPoint())
            .localDatacenter(CassandraNode.DATACENTER)
            .keyspace(keyspace);
    }
}
