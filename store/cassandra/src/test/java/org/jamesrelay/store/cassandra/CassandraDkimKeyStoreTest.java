package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.DkimKeyStoreContract;
import org.jamesrelay.store.StoredKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

class CassandraDkimKeyStoreTest implements DkimKeyStoreContract {
    private static final String KEYSPACE = "relay_dkim_contract";

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private static CqlSession session;
    private static CassandraDkimKeyStore store;

    @BeforeAll
    static void connect() throws Exception {
        session = cassandra.newSession();
        store = CassandraDkimKeyStore.create(session, cassandra.configuration(KEYSPACE).build());
    }

    @AfterAll
    static void close() {
        store.close();
        session.close();
    }

    @BeforeEach
    void empty() {
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.DKIM_KEYS);
    }

    @Override
    public DkimKeyStore keyStore() {
        return store;
    }

    @Test
    void relayNodesShouldShareTheKeysApartFromThePolicy() throws Exception {
        CassandraStoreConfiguration configuration = cassandra.configuration(KEYSPACE).build();
        try (CassandraDkimKeyStore first = CassandraDkimKeyStore.connect(configuration);
             CassandraDkimKeyStore second = CassandraDkimKeyStore.connect(configuration);
             CassandraPolicyStore policy = CassandraPolicyStore.connect(configuration)) {
            StoredKeys written = first.write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);

            assertThat(second.read()).contains(written);
            assertThat(second.audit(10)).extracting(entry -> entry.change()).containsExactly(ADD_KEY);
            assertThat(policy.audit(10)).noneMatch(entry -> entry.change().equals(ADD_KEY));
        }
    }
}
