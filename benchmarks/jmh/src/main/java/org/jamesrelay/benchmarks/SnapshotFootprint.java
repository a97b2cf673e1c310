package org.jamesrelay.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RelayDecider;
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory of one full-size snapshot, and the time of the very first build in a fresh JVM (what James pays at
 * startup), which JMH's warmed-up measurements leave out. Run it on its own JVM:
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/jmh/target/benchmarks.jar org.jamesrelay.benchmarks.SnapshotFootprint
 * </pre>
 * Retained memory is measured two ways:
 * <ol>
 * <li>heap after a full GC: the used heap with {@value #COPIES} snapshots parsed from the policy file and held, minus
 * the used heap before, divided by {@value #COPIES}; the text and everything the parser dropped are garbage by then,
 * so this is what a snapshot keeps alive;</li>
 * <li>JOL: the total size of the object graph reachable from one decider, object by object with this JVM's layout
 * (compressed references, alignment), with the classes that take the most.</li>
 * </ol>
 */
public final class SnapshotFootprint {
    static final int COPIES = 3;

    public static void main(String[] args) throws Exception {
        PolicyCorpus corpus = PolicyCorpus.full();
        String text = corpus.policyText();
        long lines = text.chars().filter(c -> c == '\n').count();
        System.out.printf(Locale.ROOT, "corpus: %,d trusted networks, %,d relay domains, %,d relay recipients, %,d sender logins; policy file %,d lines, %,d chars%n",
            corpus.networkCount(), corpus.relayDomains.size(), corpus.relayRecipientCount(), corpus.senderLogins.size(), lines, text.length());

        long start = System.nanoTime();
        RelayDecider cold = fromText(corpus, text);
        System.out.printf(Locale.ROOT, "first build in this JVM, from the policy file (cold, as at startup): %,d ms%n", (System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        RelayDecider coldEntries = corpus.buildDecider();
        System.out.printf(Locale.ROOT, "first build in this JVM, from entries (after the parse above): %,d ms%n", (System.nanoTime() - start) / 1_000_000);
        cold = null;
        coldEntries = null;

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        RelayDecider probe = fromText(corpus, text);
        long fromTextAllocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated;
        allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        probe = corpus.buildDecider();
        long fromEntriesAllocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocated;
        probe = null;
        System.out.printf(Locale.ROOT, "allocated while building one snapshot: from the policy file %.1f MB, from entries %.1f MB%n",
            mb(fromTextAllocated), mb(fromEntriesAllocated));

        long before = usedAfterGc();
        RelayDecider[] held = new RelayDecider[COPIES];
        for (int i = 0; i < COPIES; i++) {
            held[i] = fromText(corpus, text);
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "retained per snapshot (heap after full GC, %d snapshots parsed from the policy file): %.1f MB%n",
            COPIES, mb((after - before) / COPIES));

        GraphLayout layout = GraphLayout.parseInstance(held[0]);
        System.out.printf(Locale.ROOT, "retained per snapshot (JOL, graph reachable from one decider parsed from the file): %.1f MB in %,d objects%n",
            mb(layout.totalSize()), layout.totalCount());
        GraphLayout fromEntries = GraphLayout.parseInstance(corpus.buildDecider());
        System.out.printf(Locale.ROOT, "retained per snapshot (JOL, one decider built from entries, shared strings counted): %.1f MB in %,d objects%n",
            mb(fromEntries.totalSize()), fromEntries.totalCount());
        System.out.println();
        System.out.println("largest classes in one snapshot parsed from the file (JOL):");
        System.out.printf(Locale.ROOT, "%10s %10s %8s  %s%n", "count", "bytes", "avg", "class");
        List<String[]> rows = new ArrayList<>();
        for (String line : layout.toFootprint().split("\n")) {
            String[] columns = line.trim().split("\\s+", 4);
            if (columns.length == 4 && columns[0].matches("\\d+")) {
                rows.add(columns);
            }
        }
        rows.sort(Comparator.comparingLong((String[] row) -> Long.parseLong(row[2])).reversed());
        for (String[] row : rows.subList(0, Math.min(12, rows.size()))) {
            System.out.printf(Locale.ROOT, "%,10d %,10d %8s  %s%n", Long.parseLong(row[0]), Long.parseLong(row[2]), row[1], row[3]);
        }
        System.out.println(held.length + " snapshots held");
    }

    private static RelayDecider fromText(PolicyCorpus corpus, String text) throws PolicyFileException {
        return new PolicyDecider(PolicyFileParser.parse("relay-policy.conf", text), corpus.buildDirectory());
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static double mb(long bytes) {
        return bytes / 1_000_000.0;
    }
}
