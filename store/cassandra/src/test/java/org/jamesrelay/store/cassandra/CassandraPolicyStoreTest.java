package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreContract;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

class CassandraPolicyStoreTest implements PolicyStoreContract {
    /** Not yet: its edits are written whole (the default {@code writeChange}), and its readers read whole. */
    @Override
    public boolean keepsChangeLog() {
        return false;
    }

    private static final String KEYSPACE = "relay_contract";

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private static CqlSession session;
    private static CassandraPolicyStore store;

    @BeforeAll
    static void connect() throws Exception {
        session = CqlSession.builder()
            .addContactPoint(cassandra.node().address())
            .withLocalDatacenter(CassandraNode.DATACENTER)
            .build();
        store = CassandraPolicyStore.create(session, cassandra.configuration(KEYSPACE).build());
    }

    @AfterAll
    static void close() {
        store.close();
        session.close();
    }

    @BeforeEach
    void empty() {
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME);
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHUNKS);
    }

    @Override
    public PolicyStore store() {
        return store;
    }

    @Test
    void storesOfTwoRelayNodesShouldShareThePolicyAndItsAudit() throws Exception {
        CassandraStoreConfiguration configuration = cassandra.configuration(KEYSPACE).build();
        try (CassandraPolicyStore first = CassandraPolicyStore.connect(configuration);
             CassandraPolicyStore second = CassandraPolicyStore.connect(configuration)) {
            StoredPolicy written = first.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
            assertThat(second.read()).contains(written);

            StoredPolicy rewritten = second.write(OTHER_POLICY, written.version(), ADD_NETWORK);
            assertThat(first.read()).contains(rewritten);
            assertThatThrownBy(() -> first.write(POLICY, written.version(), ADD_NETWORK))
                .isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("expected version " + written.version() + ", found " + rewritten.version());
            assertThat(first.audit(10))
                .isEqualTo(second.audit(10))
                .extracting(AuditEntry::version).containsExactly(rewritten.version(), written.version());
        }
    }

    @Test
    void connectShouldKeepThePolicyOfAnExistingKeyspace() throws Exception {
        StoredPolicy written = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        try (CassandraPolicyStore reconnected = CassandraPolicyStore.connect(cassandra.configuration(KEYSPACE).build())) {
            assertThat(reconnected.read()).contains(written);
        }
    }

    @Test
    void closeShouldLeaveTheSessionOfTheCallerOpen() throws Exception {
        CassandraPolicyStore.create(session, cassandra.configuration(KEYSPACE).build()).close();

        assertThat(session.isClosed()).isFalse();
        assertThat(store.read()).isEmpty();
    }

    @Test
    void chunksOfContentsOlderThanThePreviousOneShouldBeRemoved() throws Exception {
        StoredPolicy stored = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        for (int i = 0; i < 4; i++) {
            stored = store.write(POLICY + "# change " + i + "\n", stored.version(), ADD_NETWORK);
        }

        assertThat(session.execute("SELECT DISTINCT content FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHUNKS).all()).hasSize(2);
        assertThat(store.read()).contains(stored);
    }

    @Test
    void losingWriterShouldLeaveNoChunks() throws Exception {
        StoredPolicy first = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        try (CassandraPolicyStore other = CassandraPolicyStore.create(session, cassandra.configuration(KEYSPACE).build())) {
            other.write(OTHER_POLICY, first.version(), ADD_NETWORK);
        }

        assertThatThrownBy(() -> store.write(POLICY + "# late\n", StoredPolicy.NO_VERSION + 1, ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);

        assertThat(session.execute("SELECT DISTINCT content FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHUNKS).all()).hasSize(2);
    }

    @Test
    void policyWrittenBeforeTextsWereChunkedShouldBeReadAndThenChunked() throws Exception {
        String keyspace = "relay_unchunked";
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS " + keyspace + ".relay_policy");
        session.execute("CREATE TABLE " + keyspace + ".relay_policy (name text, version bigint static, text text static, change bigint,"
            + " at timestamp, actor text, action text, before text, after text, PRIMARY KEY (name, change)) WITH CLUSTERING ORDER BY (change DESC)");
        session.execute("INSERT INTO " + keyspace + ".relay_policy (name, version, text) VALUES ('relay', 7, '" + POLICY + "')");

        try (CassandraPolicyStore upgraded = CassandraPolicyStore.create(session, cassandra.configuration(keyspace).build())) {
            assertThat(upgraded.read()).contains(new StoredPolicy(POLICY, 7));
            StoredPolicy rewritten = upgraded.write(OTHER_POLICY, 7, ADD_NETWORK);

            assertThat(upgraded.read()).contains(rewritten);
            assertThat(session.execute("SELECT text FROM " + keyspace + ".relay_policy WHERE name = 'relay' LIMIT 1").one().isNull("text")).isTrue();
        }
    }

    @Test
    void auditOfZeroEntriesShouldBeEmpty() throws Exception {
        store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store.audit(0)).isEmpty();
    }
}
