package org.jamesrelay.benchmarks;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.TextDiff;

/**
 * The policy at scale (issue 17): the time to apply a change of one relay recipient to the snapshot of a large policy
 * ({@link PolicySnapshot#apply}), against the time to parse it whole. Reads the file {@link ScaleHarness} writes
 * (run it first with the same sizes), then adds and removes one recipient, each {@code ROUNDS} times.
 * <pre>
 * java -Xmx3g -cp benchmarks/jmh/target/benchmarks.jar org.jamesrelay.benchmarks.SnapshotChangeHarness RECIPIENTS DOMAINS [DIR]
 * </pre>
 */
public final class SnapshotChangeHarness {
    private static final int ROUNDS = 21;

    private SnapshotChangeHarness() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = Integer.parseInt(args[0].replace("_", ""));
        int domains = Integer.parseInt(args[1].replace("_", ""));
        Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("scale-" + recipients + "-" + domains + ".conf");
        long start = System.nanoTime();
        PolicySnapshot snapshot;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            snapshot = PolicySnapshot.parse(file.getFileName().toString(), reader);
        }
        System.out.printf(Locale.ROOT, "whole parse of %,d recipients over %,d domains: %,d ms%n", recipients, domains,
            (System.nanoTime() - start) / 1_000_000);
        // ScaleHarness writes the sample policy, the domains, then the recipients: the last line is the last recipient.
        int lastLine = snapshot.lineCount();
        long[] adds = new long[ROUNDS];
        long[] removes = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            String added = "relay-recipient added" + round + "@" + ScaleHarness.domain(round % domains);
            TextDiff add = new TextDiff(List.of(new TextDiff.Hunk(lastLine, List.of(), List.of(added))));
            long t0 = System.nanoTime();
            PolicySnapshot withIt = snapshot.apply(add).orElseThrow();
            long t1 = System.nanoTime();
            TextDiff remove = new TextDiff(List.of(new TextDiff.Hunk(lastLine, List.of(added), List.of())));
            PolicySnapshot without = withIt.apply(remove).orElseThrow();
            long t2 = System.nanoTime();
            if (!withIt.policy().relayDomain(ScaleHarness.domain(round % domains)).orElseThrow()
                .accepts(EnvelopeAddress.parse("added" + round + "@" + ScaleHarness.domain(round % domains)))
                || !without.policy().equals(snapshot.policy())) {
                throw new IllegalStateException("the change was not applied");
            }
            adds[round] = t1 - t0;
            removes[round] = t2 - t1;
        }
        System.out.printf(Locale.ROOT, "one recipient added: median %.2f ms, max %.2f ms; removed: median %.2f ms, max %.2f ms (%d rounds)%n",
            median(adds), max(adds), median(removes), max(removes), ROUNDS);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
