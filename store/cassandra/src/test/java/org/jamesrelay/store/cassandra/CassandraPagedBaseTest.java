package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/** Bases in pages: what a fold writes and removes, a page that does not match its digest, a base of the chunked layout. */
class CassandraPagedBaseTest {
    private static final String KEYSPACE = "relay_paged";
    private static final int PAGE_BYTES = 256;
    private static final PolicyChange EDIT = new PolicyChange("webadmin", "edit", "", "");
    private static final List<String> LINES = IntStream.range(0, 200)
        .mapToObj(i -> "relay-recipient r" + i + "@relay.test").collect(Collectors.toList());

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension();

    private static CqlSession session;
    private static CassandraPolicyStore store;

    @BeforeAll
    static void connect() throws Exception {
        session = cassandra.newSession();
        store = CassandraPolicyStore.withPagesOf(PAGE_BYTES, session, cassandra.configuration(KEYSPACE).build());
    }

    @AfterAll
    static void close() {
        store.close();
        session.close();
    }

    @BeforeEach
    void empty() {
        for (String table : List.of("", PolicyTable.CHUNKS, PolicyTable.CHANGES, PolicyTable.PAGES, PolicyTable.MANIFESTS)) {
            session.execute("TRUNCATE " + KEYSPACE + "." + PolicyTable.NAME + table);
        }
    }

    @Test
    void aFoldShouldWriteOnlyThePagesItsChangesTouchAndRemoveThoseNoKeptBaseNames() throws Exception {
        List<String> lines = new ArrayList<>(LINES);
        long version = store.write(TextDiff.text(lines), StoredPolicy.NO_VERSION, EDIT).version();
        Set<UUID> written = pageIds();
        assertThat(written).hasSizeGreaterThan(20);

        version = editLineUntilTheFold(lines, 100, version);
        Set<UUID> afterFirstFold = pageIds();
        assertThat(difference(afterFirstFold, written)).hasSize(1);
        assertThat(difference(written, afterFirstFold)).isEmpty();

        version = editLineUntilTheFold(lines, 150, version);
        Set<UUID> afterSecondFold = pageIds();
        assertThat(difference(afterSecondFold, afterFirstFold)).hasSize(1);
        assertThat(difference(afterFirstFold, afterSecondFold)).as("the page of line 100 the first base held, which no kept base names")
            .hasSize(1);
        assertThat(afterSecondFold).hasSize(written.size() + 1);
        assertThat(session.execute("SELECT DISTINCT content FROM " + table(PolicyTable.MANIFESTS)).all()).hasSize(2);
        assertThat(store.read()).contains(new StoredPolicy(TextDiff.text(lines), version));
    }

    @Test
    void aPageThatDoesNotMatchItsDigestShouldFailTheRead() throws Exception {
        long version = store.write(TextDiff.text(LINES), StoredPolicy.NO_VERSION, EDIT).version();
        UUID page = pageIds().iterator().next();
        ByteBuffer data = session.execute(SimpleStatement.newInstance("SELECT data FROM " + table(PolicyTable.PAGES) + " WHERE id = ?", page))
            .one().getByteBuffer("data");
        byte[] altered = new byte[data.remaining()];
        data.get(altered);
        altered[0] ^= 1;
        session.execute(SimpleStatement.newInstance("UPDATE " + table(PolicyTable.PAGES) + " SET data = ? WHERE id = ?",
            ByteBuffer.wrap(altered), page));

        assertThatThrownBy(() -> store.read())
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining("the base or the changes of version " + version + " are missing or do not match");
    }

    @Test
    void aBaseOfTheChunkedLayoutShouldBeReadAndEditedAndThenRemoved() throws Exception {
        String text = TextDiff.text(LINES);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        UUID content = UUID.randomUUID();
        session.execute(SimpleStatement.newInstance("INSERT INTO " + table(PolicyTable.CHUNKS) + " (content, chunk, data) VALUES (?, 0, ?)",
            content, ByteBuffer.wrap(bytes)));
        session.execute(SimpleStatement.newInstance("INSERT INTO " + table("") + " (name, version, content, chunks, digest, base_version,"
            + " changes_bytes) VALUES ('relay', 7, ?, 1, ?, 7, 0)", content, ByteBuffer.wrap(Sha256.of(bytes, 0, bytes.length))));
        assertThat(store.read()).contains(new StoredPolicy(text, 7));

        TextDiff edit = new TextDiff(List.of(new TextDiff.Hunk(3, List.of(LINES.get(3)), List.of("relay-recipient edited@relay.test"))));
        long edited = store.writeChange(edit, 7, EDIT);
        String editedText = TextDiff.text(edit.applyTo(LINES));
        assertThat(store.read()).contains(new StoredPolicy(editedText, edited));
        assertThat(store.changesSince(7)).contains(List.of(new TextChange(edited, edit)));

        long rewritten = store.write(editedText, edited, EDIT).version();
        long again = store.write(editedText, rewritten, EDIT).version();

        assertThat(store.read()).contains(new StoredPolicy(editedText, again));
        assertThat(session.execute("SELECT * FROM " + table(PolicyTable.CHUNKS)).all()).isEmpty();
    }

    @Test
    void aBaseWithLinesEndedByCarriageReturnsShouldBeFoldedWhole() throws Exception {
        List<String> lines = new ArrayList<>(LINES);
        long version = store.write(String.join("\r\n", lines) + "\r\n", StoredPolicy.NO_VERSION, EDIT).version();

        version = editLineUntilTheFold(lines, 120, version);

        assertThat(store.read()).contains(new StoredPolicy(TextDiff.text(lines), version));
        assertThat(store.changesSince(version - ChangeWriter.FOLD_CHANGES - 1)).hasValueSatisfying(changes ->
            assertThat(changes).hasSize(ChangeWriter.FOLD_CHANGES + 1));
    }

    @Test
    void aLoggedChangeThatDoesNotFitShouldFailTheFoldAsAStoreFailure() throws Exception {
        long version = store.write(TextDiff.text(LINES), StoredPolicy.NO_VERSION, EDIT).version();
        version = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(5, List.of("no such line"), List.of()))), version, EDIT);
        for (int i = 1; i < ChangeWriter.FOLD_CHANGES; i++) {
            version = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(0, List.of(), List.of("# " + i)))), version, EDIT);
        }
        long broken = version;

        assertThatThrownBy(() -> store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(0, List.of(), List.of("# last")))), broken, EDIT))
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining("a change logged up to version " + broken + " does not apply")
            .hasMessageContaining("the change does not fit the text at line 6");
        assertThat(store.version()).isEqualTo(broken);
    }

    /**
     * Replaces line {@code line} (of the width of lines 100 to 199) by another as long, logged, until the change that
     * folds them; returns the version of that change. As long: its page is rewritten as one page.
     */
    private static long editLineUntilTheFold(List<String> lines, int line, long from) throws Exception {
        long version = from;
        for (int i = 0; i <= ChangeWriter.FOLD_CHANGES; i++) {
            String replacement = String.format(Locale.ROOT, "relay-recipient e%03d@relay.test", i);
            version = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(line, List.of(lines.get(line)), List.of(replacement)))),
                version, EDIT);
            lines.set(line, replacement);
        }
        assertThat(session.execute("SELECT base_version FROM " + table("") + " LIMIT 1").one().getLong("base_version")).isEqualTo(version);
        return version;
    }

    private static Set<UUID> pageIds() {
        return session.execute("SELECT id FROM " + table(PolicyTable.PAGES)).all().stream()
            .map(row -> row.getUuid("id")).collect(Collectors.toSet());
    }

    private static Set<UUID> difference(Set<UUID> of, Set<UUID> without) {
        return of.stream().filter(id -> !without.contains(id)).collect(Collectors.toSet());
    }

    private static String table(String suffix) {
        return KEYSPACE + "." + PolicyTable.NAME + suffix;
    }
}
