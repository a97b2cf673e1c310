package org.jamesrelay.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An SMTP reply: basic code, enhanced status code (RFC 3463) and text, e.g. {@code 550 5.7.1 relay access denied}.
 */
public final class SmtpReply {
    private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

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
        if (!ENHANCED_STATUS.matcher(enhancedStatus).matches() || enhancedStatus.charAt(0) - '0' != code / 100) {
            throw new IllegalArgumentException("Enhanced status " + enhancedStatus + " does not fit reply code " + code);
        }
        this.code = code;
        this.enhancedStatus = enhancedStatus;
        this.text = Objects.requireNonNull(text);
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
