package org.jamesrelay.filter;

import java.util.Arrays;

/** A signature: these bytes at this offset of some content's first bytes. */
final class Magic {
    private final int offset;
    private final byte[] bytes;

    Magic(int offset, int... bytes) {
        this.offset = offset;
        this.bytes = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            this.bytes[i] = (byte) bytes[i];
        }
    }

    boolean matches(byte[] head, int length) {
        return length >= offset + bytes.length && Arrays.equals(head, offset, offset + bytes.length, bytes, 0, bytes.length);
    }
}
