package org.jamesrelay.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Verdict;

/**
 * The policy at scale (issue 17): a sample policy plus {@code RECIPIENTS} relay recipients spread over {@code DOMAINS}
 * relay domains, written to a file, then read as James Relay reads it ({@code text}: the whole text, then the parser)
 * or line by line ({@code stream}: {@link PolicyFileParser#parse(String, java.io.Reader)}). Reports the
 * parse and build time, the heap the snapshot keeps (after a full GC, the text dropped), the peak heap of the parse and
 * the latency of RCPT TO decisions from an outside client: half known recipients, a quarter unknown recipients of a
 * relay domain, a quarter other domains. {@code benchmarks/scale/run} runs the sizes of docs/performance.md.
 * <pre>
 * java -Xmx2g -cp benchmarks/jmh/target/benchmarks.jar org.jamesrelay.benchmarks.ScaleHarness RECIPIENTS DOMAINS [text|stream [DIR]]
 * </pre>
 */
public final class ScaleHarness {
    private static final String[] FIRST = {"anna", "ben", "carla", "david", "eva", "felix", "greta", "hugo", "ines", "jonas",
        "karin", "lukas", "maria", "nils", "olga", "paul", "quinn", "rosa", "sven", "tina"};
    private static final String[] LAST = {"meyer", "schmidt", "novak", "dubois", "rossi", "garcia", "jansen", "berg", "lind", "costa",
        "weber", "klein", "wolf", "kowalski", "moreau", "silva", "horvat", "nagy", "petrov", "fischer"};
    private static final int WARMUP_DECISIONS = 500_000;
    private static final int MEASURED_DECISIONS = 1_000_000;

    private final int recipients;
    private final int domains;
    private final boolean stream;

    private ScaleHarness(int recipients, int domains, boolean stream) {
        this.recipients = recipients;
        this.domains = domains;
        this.stream = stream;
    }

    public static void main(String[] args) throws Exception {
        int recipients = Integer.parseInt(args[0].replace("_", ""));
        int domains = Integer.parseInt(args[1].replace("_", ""));
        boolean stream = args.length > 2 && args[2].equals("stream");
        Path dir = Path.of(args.length > 3 ? args[3] : System.getProperty("java.io.tmpdir"));
        new ScaleHarness(recipients, domains, stream).run(dir.resolve("scale-" + recipients + "-" + domains + ".conf"));
    }

    static String domain(int index) {
        return "d" + index + ".scale.test";
    }

    /** Recipient {@code index}, in domain {@code index % domains}: distinct for every index. */
    String recipient(int index) {
        return FIRST[index % FIRST.length] + "." + LAST[(index / FIRST.length) % LAST.length] + (index / (FIRST.length * LAST.length))
            + "@" + domain(index % domains);
    }

    private void run(Path file) throws Exception {
        if (!Files.exists(file)) {
            write(file);
        }
        System.out.printf(Locale.ROOT, "policy: %,d relay recipients over %,d relay domains, file %,d bytes; heap max %,d MB; load average %.2f%n",
            recipients, domains, Files.size(file), Runtime.getRuntime().maxMemory() / 1_000_000,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long baseline = usedAfterGc();
        resetPeaks();

        long start = System.nanoTime();
        RelayPolicy policy = stream ? readLineByLine(file) : readWhole(file);
        long parsed = System.nanoTime();
        RelayDecider decider = new PolicyDecider(policy, LocalDirectory.empty());
        System.out.printf(Locale.ROOT, "%s: read, parse and build %,d ms, peak heap during the load %,d MB%n",
            stream ? "line by line" : "whole text", (parsed - start) / 1_000_000, peakHeap() / 1_000_000);

        long retained = usedAfterGc() - baseline;
        System.out.printf(Locale.ROOT, "retained by the snapshot (heap after full GC): %,.1f MB, %.1f bytes per relay recipient%n",
            retained / 1e6, (double) retained / recipients);

        decisions(decider);
        System.out.printf(Locale.ROOT, "process RSS %,d MB; %d relay domains in the snapshot%n", rss() / 1024, policy.relayDomains().size());
    }

    private static RelayPolicy readWhole(Path file) throws IOException, PolicyFileException {
        return PolicyFileParser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    private static RelayPolicy readLineByLine(Path file) throws IOException, PolicyFileException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return PolicyFileParser.parse(file.getFileName().toString(), reader);
        }
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(Files.readString(Path.of("conf/relay-policy.conf")));
            for (int i = 0; i < domains; i++) {
                out.write("relay-domain " + domain(i) + "\n");
            }
            for (int i = 0; i < recipients; i++) {
                out.write("relay-recipient " + recipient(i) + "\n");
            }
        }
        Files.move(partial, file);
    }

    private void decisions(RelayDecider decider) throws Exception {
        ClientContext outsider = ClientContext.from(InetAddress.getByName("198.51.100.7")).helo("mx.outside.example").build();
        String sender = "someone@outside.example";
        Random random = new Random(17);
        String[] requests = new String[1 << 16];
        Verdict[] expected = new Verdict[requests.length];
        for (int i = 0; i < requests.length; i++) {
            int kind = random.nextInt(4);
            int index = random.nextInt(recipients);
            if (kind < 2) {
                requests[i] = recipient(index);
                expected[i] = Verdict.RELAY_DOMAIN;
            } else if (kind == 2) {
                requests[i] = "nobody" + index + "@" + domain(index % domains);
                expected[i] = Verdict.DENY;
            } else {
                requests[i] = "someone" + index + "@elsewhere" + index + ".example";
                expected[i] = Verdict.DENY;
            }
        }
        for (int i = 0; i < requests.length; i++) {
            Verdict verdict = decider.decideRecipient(outsider, sender, requests[i]).verdict();
            if (verdict != expected[i]) {
                throw new IllegalStateException(requests[i] + ": " + verdict + ", expected " + expected[i]);
            }
        }
        long sink = 0;
        for (int i = 0; i < WARMUP_DECISIONS; i++) {
            sink += decider.decideRecipient(outsider, sender, requests[i & (requests.length - 1)]).verdict().ordinal();
        }
        long[] nanos = new long[MEASURED_DECISIONS];
        for (int i = 0; i < MEASURED_DECISIONS; i++) {
            long start = System.nanoTime();
            Decision decision = decider.decideRecipient(outsider, sender, requests[i & (requests.length - 1)]);
            nanos[i] = System.nanoTime() - start;
            sink += decision.verdict().ordinal();
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "RCPT TO decision (%,d, single thread, parse of the address included): "
                + "p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f us (%d)%n",
            MEASURED_DECISIONS, percentile(nanos, 0.50), percentile(nanos, 0.99), percentile(nanos, 0.999), nanos[nanos.length - 1] / 1e3, sink % 10);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * sorted.length))] / 1e3;
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

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap used at once, since pools peak at different times. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum();
    }

    /** In KiB, from /proc (Linux). */
    private static long rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("VmRSS:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(-1);
    }
}
