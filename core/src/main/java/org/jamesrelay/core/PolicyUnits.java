package org.jamesrelay.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes ({@code 10M}) and durations ({@code 30s}) as the policy file writes them, read and written. A value is written
 * in the largest unit that holds it exactly, so that what is written never has more digits than what was read.
 */
public final class PolicyUnits {
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([KMG]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    /** The units of a size, the largest first. */
    private static final List<Map.Entry<String, Long>> SIZE_UNITS = List.of(
        Map.entry("G", 1L << 30), Map.entry("M", 1L << 20), Map.entry("K", 1L << 10));
    /** The units of a duration in milliseconds, the largest first. */
    private static final List<Map.Entry<String, Long>> DURATION_UNITS = List.of(
        Map.entry("d", Duration.ofDays(1).toMillis()), Map.entry("h", Duration.ofHours(1).toMillis()),
        Map.entry("m", Duration.ofMinutes(1).toMillis()), Map.entry("s", Duration.ofSeconds(1).toMillis()));

    private PolicyUnits() {
    }

    /** {@code 10M}, {@code 512K}, {@code 1G} or bytes. */
    public static long size(String value) {
        Matcher matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("size '" + Printable.of(value) + "' is not a number of bytes, or of K, M or G");
        }
        long number = Long.parseLong(matcher.group(1));
        switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K":
                return number * 1024;
            case "M":
                return number * 1024 * 1024;
            case "G":
                return number * 1024 * 1024 * 1024;
            default:
                return number;
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or milliseconds ({@code 500ms}). */
    public static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("duration '" + Printable.of(value) + "' is not like 500ms, 30s, 2m, 1h or 1d");
        }
        long number = Long.parseLong(matcher.group(1));
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms":
                return Duration.ofMillis(number);
            case "s":
                return Duration.ofSeconds(number);
            case "m":
                return Duration.ofMinutes(number);
            case "h":
                return Duration.ofHours(number);
            default:
                return Duration.ofDays(number);
        }
    }

    /** {@code 10M} for 10485760 bytes, {@code 1500} for 1500. */
    public static String formatSize(long bytes) {
        return inLargestUnit(bytes, SIZE_UNITS, "");
    }

    /** {@code 1h} for an hour, {@code 90s}, {@code 500ms}. */
    public static String formatDuration(Duration duration) {
        return inLargestUnit(duration.toMillis(), DURATION_UNITS, "ms");
    }

    private static String inLargestUnit(long amount, List<Map.Entry<String, Long>> units, String smallestUnit) {
        return units.stream()
            .filter(unit -> amount > 0 && amount % unit.getValue() == 0)
            .findFirst()
            .map(unit -> amount / unit.getValue() + unit.getKey())
            .orElse(amount + smallestUnit);
    }
}
