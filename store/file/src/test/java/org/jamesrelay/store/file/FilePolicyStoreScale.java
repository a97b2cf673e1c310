package org.jamesrelay.store.file;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.PolicyChange;

/**
 * Measures, on a copy of a generated policy file (see {@code benchmarks/scale}), the time and the peak heap of one
 * operation of the file store: {@code version} (a fresh store, so the file is hashed), {@code scan} (a streamed read
 * that counts lines) or {@code change} (a one-line diff written). One operation per JVM, so that each peak is its
 * own; run it with the {@code -Xmx} to check, e.g.
 * {@code java -Xmx64m -cp ... org.jamesrelay.store.file.FilePolicyStoreScale change policy.conf work/}.
 */
public final class FilePolicyStoreScale {
    private FilePolicyStoreScale() {
    }

    public static void main(String[] args) throws Exception {
        String operation = args[0];
        Path policy = Path.of(args[1]);
        Path folder = Files.createDirectories(Path.of(args[2]));
        Path copy = folder.resolve("relay-policy.conf");
        Files.copy(policy, copy, StandardCopyOption.REPLACE_EXISTING);
        FilePolicyStore store = new FilePolicyStore(copy, folder.resolve("audit.log"), Clock.systemUTC());
        long expected = "change".equals(operation) ? store.version() : 0;
        System.gc();
        resetPeaks();

        long start = System.nanoTime();
        String result;
        switch (operation) {
            case "version":
                result = "version " + store.version();
                break;
            case "scan":
                result = store.read(FilePolicyStoreScale::countLines).map(read -> read.value() + " lines").orElse("none");
                break;
            case "change":
                TextDiff diff = new TextDiff(List.of(new TextDiff.Hunk(0, List.of(), List.of("# changed"))));
                result = "version " + store.writeChange(diff, expected, new PolicyChange("scale", "change", "", "# changed"));
                break;
            default:
                throw new IllegalArgumentException("operations: version, scan, change");
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%s of %,d bytes: %,d ms, peak heap %,d MB (max %,d MB): %s%n", operation, Files.size(policy),
            elapsed / 1_000_000, peakHeap() / 1_000_000, Runtime.getRuntime().maxMemory() / 1_000_000, result);
    }

    private static long countLines(Reader text) throws IOException {
        char[] buffer = new char[8192];
        long lines = 0;
        for (int read = text.read(buffer); read != -1; read = text.read(buffer)) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
