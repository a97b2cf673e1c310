package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of {@link RowPerEntryComparison}: each printed as it is measured (so a run that dies keeps what it got),
 * then all of them as one table of the two layouts side by side.
 */
final class ComparisonFigures {
    private static final String ROWS = "row per recipient";
    private static final String PAGED = "paged text";

    private final int recipients;
    private final int domains;
    private final Map<String, Map<String, String>> measures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    ComparisonFigures(int recipients, int domains) {
        this.recipients = recipients;
        this.domains = domains;
    }

    void rows(String measure, Duration took) {
        put(measure, ROWS, format(took));
    }

    void rows(String measure, List<Duration> took) {
        put(measure, ROWS, medianAndMax(took));
    }

    void rows(String measure, String figure) {
        put(measure, ROWS, figure);
    }

    void paged(String measure, Duration took) {
        put(measure, PAGED, format(took));
    }

    void paged(String measure, List<Duration> took) {
        put(measure, PAGED, medianAndMax(took));
    }

    void paged(String measure, String figure) {
        put(measure, PAGED, figure);
    }

    /** The load average of /proc/loadavg (1, 5 and 15 minutes), noted with the moment it was read. */
    void load(String moment) {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            note("load average " + moment + ": " + fields[0] + " " + fields[1] + " " + fields[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void note(String note) {
        notes.add(note);
        System.out.println("rows-comparison: " + note);
    }

    void print() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%,d relay recipients over %,d relay domains, one Cassandra node%n%n", recipients, domains));
        table.append("| measure | ").append(ROWS).append(" | ").append(PAGED).append(" |\n|---|---:|---:|\n");
        measures.forEach((measure, figures) -> table.append("| ").append(measure).append(" | ")
            .append(figures.getOrDefault(ROWS, "")).append(" | ").append(figures.getOrDefault(PAGED, "")).append(" |\n"));
        table.append('\n');
        notes.forEach(note -> table.append("- ").append(note).append('\n'));
        System.out.println(table);
    }

    private void put(String measure, String layout, String figure) {
        measures.computeIfAbsent(measure, key -> new LinkedHashMap<>()).put(layout, figure);
        System.out.println("rows-comparison: " + layout + ", " + measure + ": " + figure);
    }

    private static String medianAndMax(List<Duration> took) {
        List<Duration> sorted = new ArrayList<>(took);
        sorted.sort(null);
        return format(sorted.get((sorted.size() - 1) / 2)) + ", " + format(sorted.get(sorted.size() - 1));
    }

    static String format(Duration took) {
        double millis = took.toNanos() / 1e6;
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }
}
