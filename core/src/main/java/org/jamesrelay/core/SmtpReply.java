package org.jamesrelay.core;

import java.util.Objects;

/**
 * An SMTP reply: basic code, enhanced status code (RFC 3463) and text, e.g. {@code 550 5.7.1 relay access denied}.
 */
public final class SmtpReply {
    private final int code;
    private final String enhancedStatus;
    private final String text;

    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, text);
    }

    private SmtpReply(int code, String enhancedStatus, String text) {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        if (!isEnhancedStatus(enhancedStatus) || enhancedStatus.charAt(0) - '0' != code / 100) {
            throw new IllegalArgumentException("Enhanced status " + enhancedStatus + " does not fit reply code " + code);
        }
        this.code = code;
        this.enhancedStatus = enhancedStatus;
        this.text = Objects.requireNonNull(text);
    }

    /** class.subject.detail, {@code [245]\.\d{1,3}\.\d{1,3}}, checked without a regex: replies are made per decision. */
    private static boolean isEnhancedStatus(String status) {
        if (status.length() < 5 || "245".indexOf(status.charAt(0)) < 0 || status.charAt(1) != '.') {
            return false;
        }
        int subjectEnd = digitsEnd(status, 2);
        return subjectEnd > 0 && subjectEnd < status.length() && status.charAt(subjectEnd) == '.'
            && digitsEnd(status, subjectEnd + 1) == status.length();
    }

    /** The end of the 1 to 3 digits that start at {@code from}, or -1 when there is none. */
    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && end - from < 3 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end == from ? -1 : end;
    }

    public int code() {
        return code;
    }

    public String enhancedStatus() {
        return enhancedStatus;
    }

    public String text() {
        return text;
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** The description James puts after the code: enhanced status and text. */
    public String description() {
        return enhancedStatus + " " + text;
    }

    public String asString() {
        return code + " " + description();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SmtpReply) {
            SmtpReply that = (SmtpReply) o;
            return code == that.code && enhancedStatus.equals(that.enhancedStatus) && text.equals(that.text);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, enhancedStatus, text);
    }

    @Override
    public String toString() {
        return asString();
    }
}
