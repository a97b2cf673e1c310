package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The audit trail of the policy: newest first, when, who, what, and the lines removed (-) and added (+). */
final class AuditOutput {
    private AuditOutput() {
    }

    static String audit(JsonNode answer) {
        List<JsonNode> entries = Json.asList(answer);
        if (entries.isEmpty()) {
            return "no change recorded\n";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : entries) {
            JsonNode entry = Json.asObject(item);
            text.append(Json.text(entry.get("at"))).append("  ").append(Json.text(entry.get("actor"))).append("  ")
                .append(Json.text(entry.get("action"))).append("  (version ").append(Json.text(entry.get("version"))).append(")\n");
            List<String> difference = difference(Json.text(entry.get("before")), Json.text(entry.get("after")));
            if (difference.isEmpty()) {
                text.append("    = no line changed\n");
            }
            for (String line : difference) {
                text.append("    ").append(line).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * The lines only in {@code before}, with {@code -}, then those only in {@code after}, with {@code +}: for an entry,
     * the entry itself; for an import, what it changed.
     */
    static List<String> difference(String before, String after) {
        List<String> beforeLines = lines(before);
        List<String> afterLines = lines(after);
        List<String> shown = new ArrayList<>();
        for (String line : without(beforeLines, afterLines)) {
            shown.add("- " + line);
        }
        for (String line : without(afterLines, beforeLines)) {
            shown.add("+ " + line);
        }
        return shown;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The lines of {@code lines} that {@code others} does not have, counting repeated lines. */
    private static List<String> without(List<String> lines, List<String> others) {
        Map<String, Integer> available = new HashMap<>();
        others.forEach(line -> available.merge(line, 1, Integer::sum));
        List<String> remaining = new ArrayList<>();
        for (String line : lines) {
            if (available.getOrDefault(line, 0) > 0) {
                available.merge(line, -1, Integer::sum);
            } else {
                remaining.add(line);
            }
        }
        return remaining;
    }
}
