package org.jamesrelay.filter;

import java.util.Optional;

/** The first bytes of some content, for {@link ContentSniffer}, and how long the content is. */
final class Head {
    private final byte[] bytes = new byte[ContentSniffer.HEAD_SIZE];
    private int length;
    private long size;

    /** Takes the next {@code count} bytes of the content. */
    void add(byte[] buffer, int count) {
        int kept = Math.min(count, bytes.length - length);
        System.arraycopy(buffer, 0, bytes, length, kept);
        length += kept;
        size += count;
    }

    /** Whether every byte the sniffer looks at is in: what it says will not change. */
    boolean isFull() {
        return length == bytes.length;
    }

    Optional<String> sniffedKind() {
        return ContentSniffer.sniff(bytes, length);
    }

    Optional<ArchiveFormat> archiveFormat() {
        return ArchiveFormat.of(bytes, length);
    }

    long size() {
        return size;
    }
}
