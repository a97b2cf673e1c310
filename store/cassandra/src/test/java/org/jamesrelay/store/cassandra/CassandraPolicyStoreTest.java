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
    void auditOfZeroEntriesShouldBeEmpty() throws Exception {
        store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store.audit(0)).isEmpty();
    }
}
