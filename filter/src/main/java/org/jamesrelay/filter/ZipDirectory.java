package org.jamesrelay.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The central directory of a zip archive held in memory, and its members one at a time. The directory is read by
 * hand because it is the only complete list of members, encrypted ones included ({@link ZipInputStream} stops at the
 * first encrypted member); each member's data is then read by a {@link ZipInputStream} started at its local header.
 */
final class ZipDirectory {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int ENTRY_SIZE = 46;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int LOCAL_SIZE = 30;
    private static final int ENCRYPTED = 1;
    private static final int UTF8_NAME = 1 << 11;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final long ZIP64_MARK = 0xffffffffL;
    private static final Charset LEGACY_NAMES = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;

    private ZipDirectory() {
    }

    static final class Entry {
        private final String path;
        private final boolean encrypted;
        private final long size;
        private final int localHeader;

        private Entry(String path, boolean encrypted, long size, int localHeader) {
            this.path = path;
            this.encrypted = encrypted;
            this.size = size;
            this.localHeader = localHeader;
        }

        String path() {
            return path;
        }

        /** The last segment of the path: what the member is called once extracted. */
        String name() {
            int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
            return path.substring(slash + 1);
        }

        boolean isDirectory() {
            return path.endsWith("/") || path.endsWith("\\");
        }

        /** The uncompressed size the directory declares: a claim, not a measure. */
        long size() {
            return size;
        }
    }

    /** @throws ZipException when there is no readable central directory, or it needs zip64 or several disks */
    static List<Entry> entries(byte[] zip) throws ZipException {
        int end = findEnd(zip);
        int disk = u16(zip, end + 4);
        int directoryDisk = u16(zip, end + 6);
        int count = u16(zip, end + 10);
        long directorySize = u32(zip, end + 12);
        long offset = u32(zip, end + 16);
        if (disk != 0 || directoryDisk != 0) {
            throw new ZipException("multi-disk archive");
        }
        if (count == 0xffff || offset == ZIP64_MARK || directorySize == ZIP64_MARK) {
            throw new ZipException("zip64 archive");
        }
        if (offset + directorySize > end) {
            throw new ZipException("central directory out of bounds");
        }
        List<Entry> entries = new ArrayList<>(count);
        int position = (int) offset;
        for (int i = 0; i < count; i++) {
            require(zip, position, ENTRY_SIZE);
            if (u32(zip, position) != ENTRY_SIGNATURE) {
                throw new ZipException("bad central directory entry");
            }
            int flags = u16(zip, position + 8);
            long size = u32(zip, position + 24);
            int nameLength = u16(zip, position + 28);
            int extraLength = u16(zip, position + 30);
            int commentLength = u16(zip, position + 32);
            long localHeader = u32(zip, position + 42);
            require(zip, position + ENTRY_SIZE, nameLength);
            if (size == ZIP64_MARK || localHeader == ZIP64_MARK) {
                throw new ZipException("zip64 member");
            }
            if (localHeader + LOCAL_SIZE > zip.length) {
                throw new ZipException("local header out of bounds");
            }
            Charset charset = (flags & UTF8_NAME) != 0 ? StandardCharsets.UTF_8 : LEGACY_NAMES;
            String path = new String(zip, position + ENTRY_SIZE, nameLength, charset);
            entries.add(new Entry(path, (flags & ENCRYPTED) != 0, size, (int) localHeader));
            position += ENTRY_SIZE + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    /** The central directory and the local header each carry the encryption flag: either is enough. */
    static boolean isEncrypted(byte[] zip, Entry entry) {
        return entry.encrypted || (u16(zip, entry.localHeader + 6) & ENCRYPTED) != 0;
    }

    /**
     * The uncompressed data of a member that is not encrypted.
     *
     * @throws ZipException when the member cannot be read: no local header, or compressed with another method than
     *                      stored or deflated (which {@link ZipInputStream} does not refuse: it fails with an error)
     */
    static InputStream open(byte[] zip, Entry entry) throws IOException {
        int local = entry.localHeader;
        if (u32(zip, local) != LOCAL_SIGNATURE) {
            throw new ZipException("no local header");
        }
        int method = u16(zip, local + 8);
        if (method != STORED && method != DEFLATED) {
            throw new ZipException("compression method " + method);
        }
        ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip, local, zip.length - local), StandardCharsets.ISO_8859_1);
        if (in.getNextEntry() == null) {
            throw new ZipException("no local header");
        }
        return in;
    }

    private static int findEnd(byte[] zip) throws ZipException {
        int lowest = Math.max(0, zip.length - END_SIZE - MAX_COMMENT);
        for (int position = zip.length - END_SIZE; position >= lowest; position--) {
            if (u32(zip, position) == END_SIGNATURE) {
                return position;
            }
        }
        throw new ZipException("no end of central directory");
    }

    private static void require(byte[] zip, int position, int length) throws ZipException {
        if (position + length > zip.length) {
            throw new ZipException("truncated central directory");
        }
    }

    private static int u16(byte[] data, int position) {
        return (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
    }

    private static long u32(byte[] data, int position) {
        return (u16(data, position) | (long) u16(data, position + 2) << 16) & 0xffffffffL;
    }
}
