package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns as wide as their widest cell, two spaces apart; the last column as it is. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param header none for a table of names and values */
    TextTable(String... header) {
        this.header = List.of(header);
    }

    void row(String... cells) {
        rows.add(List.of(cells));
    }

    /** @param whenEmpty the line shown instead of a table without rows */
    String render(String whenEmpty) {
        if (rows.isEmpty()) {
            return whenEmpty + "\n";
        }
        List<List<String>> all = new ArrayList<>();
        if (!header.isEmpty()) {
            all.add(header);
        }
        all.addAll(rows);
        int columns = all.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : all) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i < row.size() - 1 ? String.format("%-" + Math.max(1, widths[i]) + "s  ", cell) : cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
