package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.SmtpReply;

/** An SMTP reply: {@code 554 5.7.1 ...}. */
public final class ReplyDto {
    private final int code;
    private final String enhancedStatus;
    private final String text;

    public ReplyDto(SmtpReply reply) {
        this.code = reply.code();
        this.enhancedStatus = reply.enhancedStatus();
        this.text = reply.text();
    }

    public int getCode() {
        return code;
    }

    public String getEnhancedStatus() {
        return enhancedStatus;
    }

    public String getText() {
        return text;
    }
}
