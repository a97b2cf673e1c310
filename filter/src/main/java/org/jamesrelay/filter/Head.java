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

    Optional<String> sniffedKind() {
        return ContentSniffer.sniff(bytes, length);
    }

    boolean isZip() {
        return ContentSniffer.isZip(bytes, length);
    }

    long size() {
        return size;
    }
}
