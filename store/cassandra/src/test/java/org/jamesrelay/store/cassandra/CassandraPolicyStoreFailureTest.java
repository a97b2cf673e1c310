package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store when its Cassandra node crashes or hangs: it fails within the request timeout, and works again
 * once the node is back.
 */
class CassandraPolicyStoreFailureTest {
    private static final String KEYSPACE = "relay_failures";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final PolicyChange CHANGE = new PolicyChange("admin", "edit", "", "relay-domain relay.test");

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private CassandraPolicyStore store;

    @BeforeEach
    void connect() throws Exception {
        store = CassandraPolicyStore.connect(cassandra.configuration(KEYSPACE).requestTimeout(REQUEST_TIMEOUT).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storeShouldFailQuicklyWhileTheNodeIsDownAndWorkAgainOnceItRestarted() throws Exception {
        StoredPolicy written = store.write("relay-domain a.test\n", currentVersion(), CHANGE);

        cassandra.node().kill();

        assertThat(failure(store::read)).hasMessageContaining("Cannot read the relay policy from Cassandra: no Cassandra node could be reached");
        assertThat(failure(() -> store.write("relay-domain b.test\n", written.version(), CHANGE))).hasMessageStartingWith("Cannot write the relay policy");
        assertThat(failure(() -> store.audit(1))).hasMessageStartingWith("Cannot read the relay policy audit");

        cassandra.node().restart();

        assertThat(readOnceBack()).contains(written);
        StoredPolicy rewritten = store.write("relay-domain b.test\n", written.version(), CHANGE);
        assertThat(store.read()).contains(rewritten);
    }

    @Test
    void storeShouldFailWithinTheRequestTimeoutWhileTheNodeHangs() throws Exception {
        StoredPolicy written = store.write("relay-domain a.test\n", currentVersion(), CHANGE);

        cassandra.node().pause();
        try {
            assertThat(failure(store::read)).hasMessageContaining("Cassandra did not answer in time");
            assertThat(cassandra.node().isStopped()).as("node still stopped").isTrue();
            // The write fails on its first step, the read of the head it replaces: nothing was applied.
            assertThat(failure(() -> store.write("relay-domain b.test\n", written.version(), CHANGE)))
                .hasMessageStartingWith("Cannot write the relay policy to Cassandra: Cassandra did not answer in time");
        } finally {
            cassandra.node().resume();
        }

        assertThat(readOnceBack()).isPresent();
        awaitPolicyAndAuditAgreeing(written.version(), written.version() + 1);
    }

    @Test
    void connectShouldFailQuicklyWhenNoNodeListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(failure(() -> CassandraPolicyStore.connect(CassandraStoreConfiguration.builder()
                .contactPoints("127.0.0.1:" + closedPort)
                .requestTimeout(REQUEST_TIMEOUT)
                .build())))
            .hasMessageContaining("Cannot connect to Cassandra at 127.0.0.1:" + closedPort + ": no Cassandra node could be reached");
    }

    private long currentVersion() throws PolicyStoreException {
        return store.read().map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
    }

    private static PolicyStoreException failure(ThrowingCallable call) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(call);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(thrown).as("what the store threw").isInstanceOf(PolicyStoreException.class);
        assertThat(elapsed).isLessThan(REQUEST_TIMEOUT.plus(MARGIN));
        return (PolicyStoreException) thrown;
    }

    /** The write timed out, and the node may still apply it: both outcomes are right, as long as its audit entry goes with it. */
    private void awaitPolicyAndAuditAgreeing(long... acceptedVersions) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            long version = store.read().orElseThrow().version();
            List<Long> audited = store.audit(1).stream().map(AuditEntry::version).collect(Collectors.toList());
            if (audited.equals(List.of(version)) || System.nanoTime() > deadline) {
                assertThat(version).isIn(Arrays.stream(acceptedVersions).boxed().toArray());
                assertThat(audited).containsExactly(version);
                return;
            }
            Thread.sleep(100);
        }
    }

    private Optional<StoredPolicy> readOnceBack() throws Exception {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            try {
                return store.read();
            } catch (PolicyStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
