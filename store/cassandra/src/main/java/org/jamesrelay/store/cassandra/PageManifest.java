package org.jamesrelay.store.cassandra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ordered pages of a base, as the rows of the manifest table hold them: each row a format version, a count, then
 * per page its id, line ends, bytes, plainness and digest (57 bytes), at most {@link #PAGES_PER_ROW} pages a row, so
 * that a row stays under 512 KiB (one row up to about 4 GB of text). The head holds the SHA-256 digest of the rows.
 */
final class PageManifest {
    static final int PAGES_PER_ROW = 8_192;
    private static final int FORMAT = 1;
    private static final int DIGEST_BYTES = 32;

    final List<PageRef> pages;

    PageManifest(List<PageRef> pages) {
        this.pages = List.copyOf(pages);
    }

    long bytes() {
        return pages.stream().mapToLong(page -> page.bytes).sum();
    }

    boolean allPlain() {
        return pages.stream().allMatch(page -> page.plain);
    }

    Set<UUID> ids() {
        return pages.stream().map(page -> page.id).collect(Collectors.toSet());
    }

    List<byte[]> rows() {
        List<byte[]> rows = new ArrayList<>();
        for (int from = 0; from < pages.size() || from == 0; from += PAGES_PER_ROW) {
            rows.add(row(pages.subList(from, Math.min(pages.size(), from + PAGES_PER_ROW))));
        }
        return rows;
    }

    private static byte[] row(List<PageRef> pages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(pages.size());
            for (PageRef page : pages) {
                out.writeLong(page.id.getMostSignificantBits());
                out.writeLong(page.id.getLeastSignificantBits());
                out.writeInt(page.lines);
                out.writeInt(page.bytes);
                out.writeBoolean(page.plain);
                out.write(page.digestBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
        return bytes.toByteArray();
    }

    static byte[] digest(List<byte[]> rows) {
        MessageDigest sha256 = Sha256.newDigest();
        rows.forEach(sha256::update);
        return sha256.digest();
    }

    /** The manifest in {@code rows}; fails with an {@link IllegalArgumentException} on rows not written by {@link #rows}. */
    static PageManifest of(List<byte[]> rows) {
        List<PageRef> pages = new ArrayList<>();
        for (byte[] row : rows) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(row))) {
                int format = in.readUnsignedByte();
                if (format != FORMAT) {
                    throw new IllegalArgumentException("unknown manifest format " + format);
                }
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    UUID id = new UUID(in.readLong(), in.readLong());
                    int lines = in.readInt();
                    int bytes = in.readInt();
                    boolean plain = in.readBoolean();
                    byte[] digest = new byte[DIGEST_BYTES];
                    in.readFully(digest);
                    pages.add(new PageRef(id, lines, bytes, plain, digest));
                }
                if (in.available() > 0) {
                    throw new IllegalArgumentException(in.available() + " bytes after the manifest row");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated manifest row", e);
            }
        }
        return new PageManifest(pages);
    }
}
