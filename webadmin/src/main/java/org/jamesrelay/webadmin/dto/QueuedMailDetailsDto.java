package org.jamesrelay.webadmin.dto;

import java.util.List;

/** One waiting mail, with the header lines of its message. */
public final class QueuedMailDetailsDto extends QueuedMailDto {
    private final List<String> headers;

    public QueuedMailDetailsDto(QueuedMailDto mail, List<String> headers) {
        super(mail.getName(), mail.getSender(), mail.getRecipients(), mail.getRoutes(), mail.getQueuedAt(), mail.getAttempts(),
            mail.getLastError(), mail.getNextAttempt());
        this.headers = List.copyOf(headers);
    }

    public List<String> getHeaders() {
        return headers;
    }
}
