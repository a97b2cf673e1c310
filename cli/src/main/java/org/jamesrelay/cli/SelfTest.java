package org.jamesrelay.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code james-relay selftest}: runs every probe of the {@link ProbeCatalog} against a relay and reports them.
 */
public final class SelfTest {
    public static final int ALL_REFUSED = 0;
    public static final int SOMETHING_ACCEPTED = 1;
    public static final int USAGE_OR_CONNECTION_ERROR = 2;

    private SelfTest() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(SelfTestOptions.USAGE);
            return ALL_REFUSED;
        }
        SelfTestOptions options;
        try {
            options = SelfTestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("james-relay selftest: " + e.getMessage());
            err.println(SelfTestOptions.USAGE);
            return USAGE_OR_CONNECTION_ERROR;
        }
        List<ProbeResult> results = new ArrayList<>();
        ProbeTarget target = options.target();
        for (Probe probe : new ProbeCatalog(options).probes()) {
            try {
                ProbeResult result = probe.run(target);
                out.println(result);
                results.add(result);
            } catch (IOException e) {
                err.println("james-relay selftest: " + probe.description() + ": " + e.getMessage());
                return USAGE_OR_CONNECTION_ERROR;
            }
        }
        Map<ProbeResult.Outcome, Long> counts = results.stream()
            .collect(Collectors.groupingBy(ProbeResult::outcome, Collectors.counting()));
        long accepted = counts.getOrDefault(ProbeResult.Outcome.ACCEPTED, 0L);
        out.printf("%d probes: %d refused, %d ACCEPTED, %d skipped%n", results.size(),
            counts.getOrDefault(ProbeResult.Outcome.REFUSED, 0L), accepted, counts.getOrDefault(ProbeResult.Outcome.SKIPPED, 0L));
        return accepted == 0 ? ALL_REFUSED : SOMETHING_ACCEPTED;
    }

}
