package org.jamesrelay.store.cassandra;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The wall time of one step of {@link RowPerEntryComparison} and the CPU time the Cassandra node and this JVM spent
 * meanwhile: on a shared machine, CPU time is steadier than wall time. The node's count includes whatever it did in the
 * background (flushes, compactions of earlier steps).
 */
final class WallAndCpu {
    private final ProcessHandle node;
    private final long startNanos;
    private final Duration nodeCpuAtStart;
    private final Duration harnessCpuAtStart;

    static WallAndCpu start(long nodePid) {
        return new WallAndCpu(ProcessHandle.of(nodePid).orElseThrow(() -> new IllegalStateException("no process " + nodePid)));
    }

    private WallAndCpu(ProcessHandle node) {
        this.node = node;
        this.nodeCpuAtStart = cpu(node);
        this.harnessCpuAtStart = cpu(ProcessHandle.current());
        this.startNanos = System.nanoTime();
    }

    /** For example {@code 12.86 s (CPU: node 20.1 s, harness 4.2 s)}. */
    String stop() {
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration nodeCpu = cpu(node).minus(nodeCpuAtStart);
        Duration harnessCpu = cpu(ProcessHandle.current()).minus(harnessCpuAtStart);
        return String.format(Locale.ROOT, "%s (CPU: node %.1f s, harness %.1f s)", ComparisonFigures.format(wall),
            nodeCpu.toMillis() / 1000.0, harnessCpu.toMillis() / 1000.0);
    }

    /**
     * Waits until the node spends less than a tenth of a core over {@code window} (its flushes and compactions done),
     * at most {@code bound}; returns how long it waited, or empty if the node was still busy at the bound.
     */
    static Optional<Duration> awaitQuiet(long nodePid, Duration window, Duration bound) throws InterruptedException {
        ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow(() -> new IllegalStateException("no process " + nodePid));
        long start = System.nanoTime();
        while (System.nanoTime() - start < bound.toNanos()) {
            Duration before = cpu(node);
            Thread.sleep(window.toMillis());
            if (cpu(node).minus(before).multipliedBy(10).compareTo(window) < 0) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        return Optional.empty();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }
}
