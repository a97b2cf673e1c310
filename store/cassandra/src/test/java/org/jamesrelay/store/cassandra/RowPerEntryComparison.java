package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * What a row per relay recipient (issue 17, item 1) would cost against the paged policy text, on the same Cassandra node
 * in the same run: import, whole read (once the node is done compacting the imports), single-row lookups and one change
 * of each layout. Runs only when {@code -Drows.recipients=N} is given; prints the figures and the load average.
 * {@code -Drows.batchRows} and {@code -Drows.inFlight} tune the row import (rows a batch, batches in flight);
 * {@code -Drows.productionNode=true} runs it on a node with Cassandra's production defaults instead of the test tuning.
 */
class RowPerEntryComparison {
    private static final String RECIPIENTS_PROPERTY = "rows.recipients";
    private static final String BATCH_ROWS_PROPERTY = "rows.batchRows";
    private static final String IN_FLIGHT_PROPERTY = "rows.inFlight";
    private static final String PRODUCTION_NODE_PROPERTY = "rows.productionNode";
    private static final CassandraNodeSetup NODE_SETUP =
        Boolean.getBoolean(PRODUCTION_NODE_PROPERTY) ? CassandraNodeSetup.PRODUCTION : CassandraNodeSetup.TEST;
    private static final int DOMAINS = 1_000;
    private static final int LOOKUPS = 1_000;
    private static final int WARM_UP_LOOKUPS = 100;
    private static final int CHANGES = 10;
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(2);
    private static final Duration QUIET_BOUND = Duration.ofMinutes(5);
    private static final String ROWS_KEYSPACE = "relay_rows";
    private static final String PAGED_KEYSPACE = "relay_rows_paged";

    @RegisterExtension
    static final CassandraNodeExtension cassandra = new CassandraNodeExtension(NODE_SETUP);

    private static CqlSession session;

    @BeforeAll
    static void connect() {
        Assumptions.assumeTrue(Integer.getInteger(RECIPIENTS_PROPERTY) != null, "-D" + RECIPIENTS_PROPERTY + "=N not given");
        session = cassandra.newSession();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void rowPerRecipientAgainstPagedText() throws Exception {
        int recipients = Integer.getInteger(RECIPIENTS_PROPERTY);
        ComparisonFigures figures = new ComparisonFigures(recipients, DOMAINS);
        figures.load("at start");
        figures.note("Cassandra node: " + NODE_SETUP + " setup");
        int batchRows = Integer.getInteger(BATCH_ROWS_PROPERTY, RecipientRowTable.DEFAULT_BATCH_ROWS);
        int inFlight = Integer.getInteger(IN_FLIGHT_PROPERTY, RecipientRowTable.DEFAULT_BATCHES_IN_FLIGHT);
        figures.note(String.format(Locale.ROOT, "rows: %d buckets a domain, unlogged batches of at most %d rows of one partition, %d in flight",
            RecipientRowTable.BUCKETS, batchRows, inFlight));
        RecipientRowTable rows = new RecipientRowTable(session, ROWS_KEYSPACE, batchRows, inFlight);
        CassandraPolicyStore store = CassandraPolicyStore.create(session, cassandra.configuration(PAGED_KEYSPACE).build());
        try {
            String text = RecipientAddresses.policyText(recipients, DOMAINS);
            figures.note(String.format(Locale.ROOT, "policy text: %,d lines, %,d characters", lineCount(recipients), text.length()));

            long nodePid = cassandra.node().pid();
            WallAndCpu step = WallAndCpu.start(nodePid);
            StoredPolicy imported = store.write(text, StoredPolicy.NO_VERSION, PolicyChange.ofTexts("deploy", "import", "", text));
            figures.paged("import", step.stop());
            step = WallAndCpu.start(nodePid);
            rows.importRecipients(recipients, DOMAINS);
            figures.rows("import", step.stop());
            figures.load("after the imports");
            figures.note(WallAndCpu.awaitQuiet(nodePid, QUIET_WINDOW, QUIET_BOUND)
                .map(waited -> "node quiet (flushes and compactions done) " + ComparisonFigures.format(waited) + " after the imports")
                .orElse("node still busy " + QUIET_BOUND.toSeconds() + " s after the imports: the whole reads ran beside its compactions"));
            figures.load("before the whole reads");

            step = WallAndCpu.start(nodePid);
            StoredPolicy read = store.read().orElseThrow();
            figures.paged("whole read", step.stop());
            assertThat(read).isEqualTo(imported);
            step = WallAndCpu.start(nodePid);
            long scanned = rows.scanInOneQuery();
            figures.rows("whole read, one paged query", step.stop());
            assertThat(scanned).isEqualTo(recipients);
            step = WallAndCpu.start(nodePid);
            scanned = rows.scanInRanges();
            figures.rows("whole read, " + RecipientRowTable.SCAN_RANGES + " token ranges side by side", step.stop());
            assertThat(scanned).isEqualTo(recipients);
            figures.load("after the whole reads");

            measureLookups(rows, recipients, figures);
            measureRowChanges(rows, figures);
            String changedText = measurePagedChanges(store, imported.version(), text, recipients, figures);
            figures.load("at end");
            figures.note(String.format(Locale.ROOT, "on disk at end (flushed SSTables only): rows %,d bytes, paged %,d bytes",
                bytesOnDisk(ROWS_KEYSPACE), bytesOnDisk(PAGED_KEYSPACE)));
            figures.note("batch size warnings in the node's log: " + batchWarnings());
            figures.print();

            assertThat(store.read().orElseThrow().text()).isEqualTo(changedText);
        } finally {
            store.close();
        }
    }

    /** Sequential single-row SELECTs by full key of recipients drawn at random, after a few unmeasured ones. */
    private static void measureLookups(RecipientRowTable rows, int recipients, ComparisonFigures figures) {
        Random random = new Random(17);
        long[] nanos = new long[LOOKUPS];
        for (int i = -WARM_UP_LOOKUPS; i < LOOKUPS; i++) {
            int recipient = random.nextInt(recipients);
            long start = System.nanoTime();
            boolean found = rows.contains(RecipientAddresses.localPart(recipient), RecipientAddresses.domain(recipient % DOMAINS));
            long took = System.nanoTime() - start;
            assertThat(found).isTrue();
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        figures.rows("one lookup p50", Duration.ofNanos(nanos[LOOKUPS / 2 - 1]));
        figures.rows("one lookup p99", Duration.ofNanos(nanos[LOOKUPS * 99 / 100 - 1]));
        figures.paged("one lookup p50", "in memory on every node");
    }

    /** Inserts {@value #CHANGES} new recipients, then deletes {@value #CHANGES} imported ones, one statement each. */
    private static void measureRowChanges(RecipientRowTable rows, ComparisonFigures figures) {
        List<Duration> inserts = new ArrayList<>();
        List<Duration> deletes = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            String domain = RecipientAddresses.domain(i);
            long start = System.nanoTime();
            rows.insert("added" + i, domain);
            inserts.add(since(start));
            assertThat(rows.contains("added" + i, domain)).isTrue();
        }
        for (int i = 0; i < CHANGES; i++) {
            String domain = RecipientAddresses.domain(i % DOMAINS);
            long start = System.nanoTime();
            rows.delete(RecipientAddresses.localPart(i), domain);
            deletes.add(since(start));
            assertThat(rows.contains(RecipientAddresses.localPart(i), domain)).isFalse();
        }
        figures.rows("one recipient added (median, max of " + CHANGES + ")", inserts);
        figures.rows("one recipient removed (median, max of " + CHANGES + ")", deletes);
    }

    /**
     * Adds {@value #CHANGES} recipients at the end of the text, then removes the first {@value #CHANGES} recipient lines,
     * each one a logged change ({@code writeChange}); returns the text they make.
     */
    private static String measurePagedChanges(CassandraPolicyStore store, long importedVersion, String text, int recipients,
                                              ComparisonFigures figures) throws Exception {
        List<Duration> additions = new ArrayList<>();
        List<Duration> removals = new ArrayList<>();
        long version = importedVersion;
        int lines = lineCount(recipients);
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < CHANGES; i++) {
            String line = RecipientAddresses.recipientLine("added" + i, RecipientAddresses.domain(i));
            long start = System.nanoTime();
            version = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(lines, List.of(), List.of(line)))), version,
                new PolicyChange("webadmin", "add relay-recipient", "", line));
            additions.add(since(start));
            lines++;
            added.append(line).append('\n');
        }
        int firstRecipient = RecipientAddresses.HEADER_LINES + DOMAINS;
        for (int i = 0; i < CHANGES; i++) {
            String line = RecipientAddresses.recipientLine(RecipientAddresses.localPart(i), RecipientAddresses.domain(i % DOMAINS));
            long start = System.nanoTime();
            version = store.writeChange(new TextDiff(List.of(new TextDiff.Hunk(firstRecipient, List.of(line), List.of()))), version,
                new PolicyChange("webadmin", "remove relay-recipient", line, ""));
            removals.add(since(start));
        }
        figures.paged("one recipient added (median, max of " + CHANGES + ")", additions);
        figures.paged("one recipient removed (median, max of " + CHANGES + ")", removals);
        int removedFrom = text.indexOf("\n" + RecipientAddresses.recipientLine(RecipientAddresses.localPart(0), RecipientAddresses.domain(0))
            + "\n") + 1;
        int keptFrom = text.indexOf("\n" + RecipientAddresses.recipientLine(RecipientAddresses.localPart(CHANGES),
            RecipientAddresses.domain(CHANGES % DOMAINS)) + "\n") + 1;
        return text.substring(0, removedFrom) + text.substring(keptFrom) + added;
    }

    private static int lineCount(int recipients) {
        return RecipientAddresses.HEADER_LINES + DOMAINS + recipients;
    }

    private static long bytesOnDisk(String keyspace) throws IOException {
        Path directory = cassandra.node().directory().resolve("data").resolve("data").resolve(keyspace);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static long batchWarnings() throws IOException {
        try (Stream<String> log = Files.lines(cassandra.node().directory().resolve("cassandra.log"))) {
            return log.filter(line -> line.contains("Batch for")).count();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
