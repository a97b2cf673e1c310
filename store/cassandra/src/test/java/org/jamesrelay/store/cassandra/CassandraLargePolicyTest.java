package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.LargePolicies;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * A policy of 1,000,000 relay recipients (about 42 MB) in Cassandra, or as many as {@code -Dlarge.recipients=N} says:
 * it is imported, a one-line edit of it is written as a change (its diff and the head, not the text), a node behind
 * reads that change alone, every node can read it back whole, the edit that folds the changes into a new base rewrites
 * the pages they touch, and no cell of the store is larger than a page. Prints the times.
 */
class CassandraLargePolicyTest {
    private static final String KEYSPACE = "relay_large";
    private static final int RECIPIENTS = Integer.getInteger("large.recipients", 1_000_000);
    /** The lines of {@link LargePolicies#withRecipients}: a comment, a trusted network, 100 relay domains, the recipients. */
    private static final int LINES = RECIPIENTS + 102;
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final int PROBES = 200;

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

    @Test
    void policyOfAMillionRecipientsShouldBeImportedAndEditedOneLineAtATime() throws Exception {
        String text = LargePolicies.withRecipients(RECIPIENTS);
        String added = "relay-recipient added@d1.relay.test";
        TextDiff addition = new TextDiff(List.of(new TextDiff.Hunk(LINES, List.of(), List.of(added))));

        long start = System.nanoTime();
        StoredPolicy imported = store.write(text, StoredPolicy.NO_VERSION, PolicyChange.ofTexts("deploy", "import", "", text));
        Duration importTime = since(start);
        start = System.nanoTime();
        long written = store.writeChange(addition, imported.version(), new PolicyChange("webadmin", "add relay-recipient", "", added));
        Duration editTime = since(start);
        start = System.nanoTime();
        Optional<List<TextChange>> changes = store.changesSince(imported.version());
        Duration changesTime = since(start);
        start = System.nanoTime();
        StoredPolicy read = store.read().orElseThrow();
        Duration readTime = since(start);
        start = System.nanoTime();
        for (int i = 0; i < PROBES; i++) {
            assertThat(store.version()).isEqualTo(written);
        }
        Duration probeTime = since(start).dividedBy(PROBES);
        System.out.printf(Locale.ROOT, "%,d recipients, %,d characters: import %d ms, one-line edit %d ms, its change read %d ms,"
                + " whole read %d ms, version probe %.2f ms%n", RECIPIENTS, text.length(), importTime.toMillis(), editTime.toMillis(),
            changesTime.toMillis(), readTime.toMillis(), probeTime.toNanos() / 1e6);

        assertThat(changes).contains(List.of(new TextChange(written, addition)));
        assertThat(read).isEqualTo(new StoredPolicy(text + added + "\n", written));
        assertThat(importTime).isLessThan(BOUND);
        assertThat(editTime).isLessThan(BOUND);
        assertThat(largestCell()).isLessThanOrEqualTo(TextChunks.CHUNK_BYTES);
        assertThat(store.audit(1).get(0).change().after()).isEqualTo(added);
        assertThat(store.audit(2).get(1).change().after()).endsWith(String.format(Locale.ROOT, "[and %,d more lines]", LINES - 99));

        measureTheFold(text + added + "\n", written);
    }

    /** Logs one-line edits up to the fold, then times the edit that folds them into a new base, and a whole read after it. */
    private static void measureTheFold(String text, long version) throws Exception {
        StringBuilder logged = new StringBuilder();
        long current = version;
        for (int i = 1; i < ChangeWriter.FOLD_CHANGES; i++) {
            String line = "relay-recipient logged" + i + "@d1.relay.test";
            current = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(LINES + i, List.of(), List.of(line)))), current,
                new PolicyChange("webadmin", "add relay-recipient", "", line));
            logged.append(line).append('\n');
        }
        String middle = "relay-recipient folded@d1.relay.test";
        TextDiff folding = new TextDiff(List.of(new TextDiff.Hunk(LINES / 2, List.of(), List.of(middle))));
        Set<UUID> pagesBefore = pageIds();
        long start = System.nanoTime();
        long folded = store.writeChange(folding, current, new PolicyChange("webadmin", "add relay-recipient", "", middle));
        Duration foldTime = since(start);
        start = System.nanoTime();
        StoredPolicy read = store.read().orElseThrow();
        Duration readTime = since(start);
        System.out.printf(Locale.ROOT, "%,d recipients: the edit that folds %d changes %d ms, whole read after it %d ms%n",
            RECIPIENTS, ChangeWriter.FOLD_CHANGES, foldTime.toMillis(), readTime.toMillis());

        assertThat(read).isEqualTo(new StoredPolicy(TextDiff.text(folding.applyTo(TextDiff.lines(text + logged))), folded));
        assertThat(session.execute("SELECT base_version FROM " + KEYSPACE + "." + PolicyTable.NAME + " LIMIT 1").one().getLong("base_version"))
            .isEqualTo(folded);
        assertThat(largestCell()).isLessThanOrEqualTo(TextChunks.CHUNK_BYTES);
        Set<UUID> written = pageIds();
        written.removeAll(pagesBefore);
        assertThat(written).as("the pages the fold wrote: the middle one and the last, each cut in two at most")
            .isNotEmpty().hasSizeLessThanOrEqualTo(4);
    }

    /** The pages the head's manifest names: what a scan of the page table would tell, without reading the pages. */
    private static Set<UUID> pageIds() {
        UUID content = session.execute("SELECT content FROM " + KEYSPACE + "." + PolicyTable.NAME + " LIMIT 1").one().getUuid("content");
        List<byte[]> rows = new ArrayList<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT data FROM " + KEYSPACE + "." + PolicyTable.NAME + PolicyTable.MANIFESTS
            + " WHERE content = ?", content))) {
            ByteBuffer data = row.getByteBuffer("data");
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            rows.add(bytes);
        }
        return new HashSet<>(PageManifest.of(rows).ids());
    }

    private static long largestCell() {
        long largest = 0;
        for (String table : List.of(PolicyTable.PAGES, PolicyTable.MANIFESTS, PolicyTable.CHUNKS, PolicyTable.CHANGES)) {
            for (Row row : session.execute(pagesOfAFewCells("SELECT data FROM " + KEYSPACE + "." + PolicyTable.NAME + table))) {
                largest = Math.max(largest, row.getByteBuffer("data").remaining());
            }
        }
        for (Row row : session.execute("SELECT before, after FROM " + KEYSPACE + "." + PolicyTable.NAME)) {
            largest = Math.max(largest, Math.max(length(row.getString("before")), length(row.getString("after"))));
        }
        return largest;
    }

    /** A page of the default 5,000 rows of text would be 2.5 GB: more than the test node's heap. */
    private static SimpleStatement pagesOfAFewCells(String query) {
        return SimpleStatement.newInstance(query).setPageSize(4);
    }

    private static long length(String value) {
        return value == null ? 0 : value.length();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
