package org.jamesrelay.cli;

import java.util.List;
import java.util.Locale;

/**
 * One SMTP reply as a client reads it: the code and the text of each line.
 */
public final class ServerReply {
    private final int code;
    private final List<String> lines;

    public ServerReply(int code, List<String> lines) {
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    public int code() {
        return code;
    }

    /** The reply on one line, as a server prints a one-line reply: {@code 550 5.7.1 text}. */
    public String asString() {
        return code + " " + String.join(" / ", lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean mentions(String keyword) {
        return lines.stream().anyMatch(line -> line.toUpperCase(Locale.ROOT).contains(keyword.toUpperCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return asString();
    }
}
