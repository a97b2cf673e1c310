package org.jamesrelay.it;

import java.util.UUID;

final class Messages {
    private Messages() {
    }

    static String uniqueSubject(String purpose) {
        return purpose + " " + UUID.randomUUID();
    }

    static String message(String from, String to, String subject) {
        return "From: <" + from + ">\r\n"
            + "To: <" + to + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "X-Relay-Test: kept intact\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@client.test>\r\n"
            + "\r\n"
            + "Hello through James Relay.\r\n"
            + ".leading dot line\r\n";
    }
}
