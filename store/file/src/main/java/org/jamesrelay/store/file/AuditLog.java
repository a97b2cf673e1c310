package org.jamesrelay.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;

/**
 * The audit trail of the file store: one line per change, appended and synced. Fields are separated by tabs;
 * backslash, tab and line breaks inside a field are escaped, so a multi-line import stays one line.
 */
final class AuditLog {
    private static final int FIELDS = 6;

    private final Path file;

    AuditLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    void append(AuditEntry entry) throws IOException {
        Files.createDirectories(file.getParent());
        String line = String.join("\t", entry.at().toString(), Long.toString(entry.version()),
            escape(entry.change().actor()), escape(entry.change().action()),
            escape(entry.change().before()), escape(entry.change().after())) + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    List<AuditEntry> newestFirst(int limit) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < limit; i--) {
            entries.add(parse(lines.get(i), i + 1));
        }
        return Collections.unmodifiableList(entries);
    }

    private AuditEntry parse(String line, int number) throws IOException {
        String[] fields = line.split("\t", -1);
        if (fields.length != FIELDS) {
            throw new IOException(file + ":" + number + ": expected " + FIELDS + " tab-separated fields, found " + fields.length);
        }
        return new AuditEntry(Instant.parse(fields[0]), Long.parseLong(fields[1]),
            new PolicyChange(unescape(fields[2]), unescape(fields[3]), unescape(fields[4]), unescape(fields[5])));
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char escaped = value.charAt(++i);
                text.append(escaped == 't' ? '\t' : escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
