package org.jamesrelay.core;

/**
 * Text from a client made safe to quote in an SMTP reply or a log line: control characters become {@code \xNN}.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                printable.append(String.format("\\x%02x", (int) c));
            } else {
                printable.append(c);
            }
        }
        return printable.toString();
    }
}
