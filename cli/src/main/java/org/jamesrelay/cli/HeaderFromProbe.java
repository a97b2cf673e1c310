package org.jamesrelay.cli;

import java.io.IOException;

/**
 * A logged-in client that sends with its own MAIL FROM but another address in the From: header, the one its
 * recipients see. The relay must refuse the message at the end of DATA; if it does not, one message was sent.
 */
final class HeaderFromProbe implements Probe {
    private final String envelopeSender;
    private final String author;
    private final String recipient;

    HeaderFromProbe(String envelopeSender, String author, String recipient) {
        this.envelopeSender = envelopeSender;
        this.author = author;
        this.recipient = recipient;
    }

    @Override
    public String category() {
        return "spoofing";
    }

    @Override
    public String description() {
        return "MAIL FROM:<" + envelopeSender + "> with From: <" + author + "> to <" + recipient + ">";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom("<" + envelopeSender + ">");
            ServerReply rcpt = client.rcptTo("<" + recipient + ">");
            if (!mail.isPositive() || !rcpt.isPositive()) {
                return new ProbeResult(this, ProbeResult.Outcome.SKIPPED,
                    "the envelope was refused (" + mail + "; " + rcpt + "): give --recipient an accepted address");
            }
            ServerReply data = client.data("From: <" + author + ">\r\nTo: <" + recipient + ">\r\n"
                + "Subject: James Relay self-test: forged From: header\r\n\r\nThis message should have been refused.\r\n");
            return new ProbeResult(this, data.isPositive() ? ProbeResult.Outcome.ACCEPTED : ProbeResult.Outcome.REFUSED, "DATA " + data);
        }
    }
}
