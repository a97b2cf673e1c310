package org.jamesrelay.store.cassandra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jamesrelay.core.TextDiff;

/**
 * A {@link TextDiff} as the bytes of a change row: a format version, the number of hunks, then for each its line, its
 * removed lines and its added lines, every count a 32-bit integer and every line its UTF-8 length and bytes.
 */
final class DiffFormat {
    private static final int FORMAT = 1;

    private DiffFormat() {
    }

    static byte[] write(TextDiff diff) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(diff.hunks().size());
            for (TextDiff.Hunk hunk : diff.hunks()) {
                out.writeInt(hunk.at());
                writeLines(out, hunk.removed());
                writeLines(out, hunk.added());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
        return bytes.toByteArray();
    }

    /** The diff in {@code bytes}; fails with an {@link IllegalArgumentException} on bytes not written by {@link #write}. */
    static TextDiff read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown change format " + format);
            }
            int count = in.readInt();
            List<TextDiff.Hunk> hunks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int at = in.readInt();
                List<String> removed = readLines(in);
                hunks.add(new TextDiff.Hunk(at, removed, readLines(in)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the change");
            }
            return new TextDiff(hunks);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated change", e);
        }
    }

    private static void writeLines(DataOutputStream out, List<String> lines) throws IOException {
        out.writeInt(lines.size());
        for (String line : lines) {
            byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static List<String> readLines(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> lines = new ArrayList<>(Math.min(count, in.available() / Integer.BYTES));
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IllegalArgumentException("a line of " + length + " bytes in a change of " + in.available() + " bytes left");
            }
            byte[] utf8 = new byte[length];
            in.readFully(utf8);
            lines.add(new String(utf8, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
