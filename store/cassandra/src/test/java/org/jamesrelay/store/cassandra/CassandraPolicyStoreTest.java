package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreContract;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.VersionConflictException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraPolicyStoreTest implements PolicyStoreContract {
    private static final String KEYSPACE = "relay_contract";

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private static CqlSession session;
    private static CassandraPolicyStore store;

    @BeforeAll
    static void connect() throws Exception {
        session = cassandra.newSession();
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
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHANGES);
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.PAGES);
        session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.MANIFESTS);
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
    void basesOlderThanThePreviousOneShouldBeRemoved() throws Exception {
        StoredPolicy stored = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        for (int i = 0; i < 4; i++) {
            stored = store.write(POLICY + "# change " + i + "\n", stored.version(), ADD_NETWORK);
        }

        assertThat(contents()).hasSize(2);
        assertThat(session.execute("SELECT id FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.PAGES).all()).hasSize(2);
        assertThat(store.read()).contains(stored);
    }

    @Test
    void losingWriterShouldLeaveNoPages() throws Exception {
        StoredPolicy first = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        try (CassandraPolicyStore other = CassandraPolicyStore.create(session, cassandra.configuration(KEYSPACE).build())) {
            other.write(OTHER_POLICY, first.version(), ADD_NETWORK);
        }

        assertThatThrownBy(() -> store.write(POLICY + "# late\n", StoredPolicy.NO_VERSION + 1, ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);

        assertThat(contents()).hasSize(2);
        assertThat(session.execute("SELECT id FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.PAGES).all()).hasSize(2);
    }

    @Test
    void policyWrittenBeforeTextsWereChunkedShouldBeReadAndThenPaged() throws Exception {
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
    void policyWrittenBeforeChangesWereLoggedShouldBeReadAndThenEditedByItsChanges() throws Exception {
        String keyspace = "relay_unlogged";
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS " + keyspace + ".relay_policy");
        session.execute("DROP TABLE IF EXISTS " + keyspace + ".relay_policy_chunks");
        session.execute("CREATE TABLE " + keyspace + ".relay_policy (name text, version bigint static, text text static,"
            + " content uuid static, previous_content uuid static, chunks int static, digest blob static, change bigint,"
            + " at timestamp, actor text, action text, before text, after text, PRIMARY KEY (name, change)) WITH CLUSTERING ORDER BY (change DESC)");
        session.execute("CREATE TABLE " + keyspace + ".relay_policy_chunks (content uuid, chunk int, data blob, PRIMARY KEY (content, chunk))");
        UUID content = UUID.randomUUID();
        byte[] bytes = POLICY.getBytes(StandardCharsets.UTF_8);
        session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".relay_policy_chunks (content, chunk, data) VALUES (?, 0, ?)",
            content, ByteBuffer.wrap(bytes)));
        session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".relay_policy (name, version, content, chunks, digest)"
            + " VALUES ('relay', 7, ?, 1, ?)", content, ByteBuffer.wrap(Sha256.of(bytes, 0, bytes.length))));

        try (CassandraPolicyStore upgraded = CassandraPolicyStore.create(session, cassandra.configuration(keyspace).build())) {
            assertThat(upgraded.read()).contains(new StoredPolicy(POLICY, 7));
            TextDiff edit = TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(POLICY + "relay-recipient a@relay.test\n"));
            long folded = upgraded.writeChange(edit, 7, ADD_NETWORK);
            TextDiff next = TextDiff.between(TextDiff.lines(POLICY + "relay-recipient a@relay.test\n"), TextDiff.lines(OTHER_POLICY));
            long appended = upgraded.writeChange(next, folded, ADD_NETWORK);

            assertThat(upgraded.read()).contains(new StoredPolicy(OTHER_POLICY, appended));
            assertThat(upgraded.changesSince(7)).contains(List.of(new TextChange(folded, edit), new TextChange(appended, next)));
        }
    }

    @Test
    void anEditShouldBeLoggedWithoutWritingTheTextAgain() throws Exception {
        StoredPolicy base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        long edited = store.writeChange(addition(POLICY, "relay-recipient a@relay.test"), base.version(), ADD_NETWORK);

        assertThat(contents()).hasSize(1);
        assertThat(store.read()).contains(new StoredPolicy(POLICY + "relay-recipient a@relay.test\n", edited));
    }

    @Test
    void aLoggedChangeThatDoesNotFitTheBaseShouldBeAStoreFailureNotTheReadingsOwn() throws Exception {
        StoredPolicy base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        TextDiff removesWhatIsNotThere = new TextDiff(List.of(new TextDiff.Hunk(0, List.of("no such line"), List.of())));
        long broken = store.writeChange(removesWhatIsNotThere, base.version(), ADD_NETWORK);

        assertThatThrownBy(() -> store.read(text -> text.read()))
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining("a change logged up to version " + broken + " does not apply")
            .hasMessageContaining("write the policy whole to repair it");
        assertThatThrownBy(() -> store.read())
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining("does not apply");
    }

    @Test
    void changesShouldBeFoldedIntoANewBaseAndStillBeLogged() throws Exception {
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        String text = POLICY;
        long version = base;
        for (int i = 0; i < ChangeWriter.FOLD_CHANGES + 2; i++) {
            String line = "relay-recipient r" + i + "@relay.test";
            version = store.writeChange(addition(text, line), version, ADD_NETWORK);
            text = text + line + "\n";
        }

        assertThat(store.read()).contains(new StoredPolicy(text, version));
        assertThat(session.execute("SELECT base_version FROM " + KEYSPACE + "." + PolicyTable.NAME + " LIMIT 1").one().getLong("base_version"))
            .isEqualTo(base + ChangeWriter.FOLD_CHANGES + 1);
        assertThat(contents()).hasSize(2);
        assertThat(store.changesSince(base)).hasValueSatisfying(changes -> assertThat(changes).hasSize(ChangeWriter.FOLD_CHANGES + 2));
    }

    @Test
    void aDiffLargerThanTheFoldLimitShouldBeWrittenAsANewBaseAndReadWhole() throws Exception {
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        String lines = IntStream.range(0, 120_000).mapToObj(i -> "relay-recipient someone-" + i + "@relay.test\n").collect(Collectors.joining());

        long imported = store.writeChange(addition(POLICY, lines.substring(0, lines.length() - 1)), base, ADD_NETWORK);

        assertThat(store.read()).contains(new StoredPolicy(POLICY + lines, imported));
        assertThat(store.changesSince(base)).isEmpty();
        assertThat(session.execute("SELECT * FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHANGES).all()).isEmpty();
    }

    @Test
    void losingEditShouldLeaveNoDiff() throws Exception {
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        long won = store.writeChange(addition(POLICY, "relay-recipient a@relay.test"), base, ADD_NETWORK);

        assertThatThrownBy(() -> store.writeChange(addition(POLICY, "relay-recipient b@relay.test"), base, ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);

        assertThat(session.execute("SELECT DISTINCT version FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHANGES).all())
            .extracting(row -> row.getLong("version")).containsExactly(won);
        assertThat(session.execute("SELECT id FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.CHANGES).all()).hasSize(1);
    }

    @Test
    void auditOfZeroEntriesShouldBeEmpty() throws Exception {
        store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store.audit(0)).isEmpty();
    }

    private static TextDiff addition(String text, String line) {
        return TextDiff.between(TextDiff.lines(text), TextDiff.lines(text + line + "\n"));
    }

    private static List<Row> contents() {
        return session.execute("SELECT DISTINCT content FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.MANIFESTS).all();
    }
}
