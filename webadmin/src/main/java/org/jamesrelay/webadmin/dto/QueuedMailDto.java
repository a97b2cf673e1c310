package org.jamesrelay.webadmin.dto;

import java.util.List;

/** A mail waiting in the relay queue or on hold. Instants are ISO-8601; absent values are null. */
public class QueuedMailDto {
    private final String name;
    private final String sender;
    private final List<String> recipients;
    private final List<MailRouteDto> routes;
    private final String queuedAt;
    private final int attempts;
    private final String lastError;
    private final String nextAttempt;

    public QueuedMailDto(String name, String sender, List<String> recipients, List<MailRouteDto> routes, String queuedAt,
                         int attempts, String lastError, String nextAttempt) {
        this.name = name;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.routes = List.copyOf(routes);
        this.queuedAt = queuedAt;
        this.attempts = attempts;
        this.lastError = lastError;
        this.nextAttempt = nextAttempt;
    }

    public String getName() {
        return name;
    }

    /** {@code <>} for the null sender. */
    public String getSender() {
        return sender;
    }

    public List<String> getRecipients() {
        return recipients;
    }

    /** The routes the recipients take at the next attempt, with the policy in force now. */
    public List<MailRouteDto> getRoutes() {
        return routes;
    }

    /** When the mail entered the relay queue first. */
    public String getQueuedAt() {
        return queuedAt;
    }

    /** Failed delivery attempts so far. */
    public int getAttempts() {
        return attempts;
    }

    public String getLastError() {
        return lastError;
    }

    /** Not before this instant; null when due now, and for held mail. */
    public String getNextAttempt() {
        return nextAttempt;
    }
}
