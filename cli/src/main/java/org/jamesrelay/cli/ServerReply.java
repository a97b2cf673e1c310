package org.jamesrelay.it;

import java.util.List;

/**
 * One SMTP reply as the client read it: the code and the text of each line.
 */
final class SmtpReplyLine {
    private final int code;
    private final List<String> lines;

    SmtpReplyLine(int code, List<String> lines) {
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    int code() {
        return code;
    }

    /** The reply as a server would print it on one line: {@code 550 5.7.1 text}. */
    String asString() {
        return code + " " + String.join(" / ", lines);
    }

    boolean isPositive() {
        return code >= 200 && code < 400;
    }

    boolean mentions(String keyword) {
        return lines.stream().anyMatch(line -> line.toUpperCase().contains(keyword.toUpperCase()));
    }

    @Override
    public String toString() {
        return asString();
    }
}
