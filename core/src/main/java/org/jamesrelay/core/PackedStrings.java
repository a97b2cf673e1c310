package org.jamesrelay.core;

/**
 * Strings packed as UTF-8 bytes in a shared array, compared with {@link String}s without decoding them. A lone
 * surrogate is encoded like any other code point below U+10000 (three bytes, as in WTF-8), so that every string comes
 * back exactly as it went in. The unsigned order of the bytes is the order of the code points.
 */
final class PackedStrings {
    /** The most bytes one {@code char} takes: a surrogate pair (two chars) takes four. */
    static final int MAX_BYTES_PER_CHAR = 3;

    private PackedStrings() {
    }

    /** Writes {@code text[from, to)} into {@code bytes} at {@code at}, which has room for it; returns the end. */
    static int encode(String text, int from, int to, byte[] bytes, int at) {
        int position = at;
        int i = from;
        while (i < to) {
            int codePoint = codePointAt(text, i, to);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                bytes[position++] = (byte) codePoint;
            } else if (codePoint < 0x800) {
                bytes[position++] = (byte) (0xC0 | codePoint >> 6);
                bytes[position++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (codePoint < 0x10000) {
                bytes[position++] = (byte) (0xE0 | codePoint >> 12);
                bytes[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[position++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                bytes[position++] = (byte) (0xF0 | codePoint >> 18);
                bytes[position++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[position++] = (byte) (0x80 | codePoint & 0x3F);
            }
        }
        return position;
    }

    static String decode(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        int position = from;
        while (position < to) {
            int codePoint = decodeAt(bytes, position);
            text.appendCodePoint(codePoint);
            position += encodedLength(codePoint);
        }
        return text.toString();
    }

    /**
     * Compares {@code text[from, to)} with the string packed in {@code bytes[start, end)}, code point by code point,
     * without allocating: negative when the text comes first.
     */
    static int compare(String text, int from, int to, byte[] bytes, int start, int end) {
        int i = from;
        int position = start;
        while (i < to && position < end) {
            char c = text.charAt(i);
            byte b = bytes[position];
            if (c < 0x80 && b >= 0) {
                if (c != b) {
                    return c - b;
                }
                i++;
                position++;
            } else {
                int codePoint = codePointAt(text, i, to);
                int packed = decodeAt(bytes, position);
                if (codePoint != packed) {
                    return Integer.compare(codePoint, packed);
                }
                i += Character.charCount(codePoint);
                position += encodedLength(packed);
            }
        }
        return Boolean.compare(i < to, position < end);
    }

    /** The code point at {@code i}, a pair of surrogates only when both are before {@code to}. */
    private static int codePointAt(String text, int i, int to) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
            return Character.toCodePoint(c, text.charAt(i + 1));
        }
        return c;
    }

    private static int decodeAt(byte[] bytes, int position) {
        int first = bytes[position] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        if (first < 0xE0) {
            return (first & 0x1F) << 6 | bytes[position + 1] & 0x3F;
        }
        if (first < 0xF0) {
            return (first & 0x0F) << 12 | (bytes[position + 1] & 0x3F) << 6 | bytes[position + 2] & 0x3F;
        }
        return (first & 0x07) << 18 | (bytes[position + 1] & 0x3F) << 12 | (bytes[position + 2] & 0x3F) << 6 | bytes[position + 3] & 0x3F;
    }

    private static int encodedLength(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
