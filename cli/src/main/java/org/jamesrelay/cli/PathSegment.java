package org.jamesrelay.cli;

import java.nio.charset.StandardCharsets;

/** A value put into a WebAdmin path as one segment: a network such as 192.0.2.0/24 stays one segment. */
final class PathSegment {
    private static final String UNRESERVED_PUNCTUATION = "-._~@";

    private PathSegment() {
    }

    /** Percent-encodes every byte but letters, digits and {@code -._~@}. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UNRESERVED_PUNCTUATION.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }
}
