package org.jamesrelay.cli;

import java.io.IOException;

/**
 * MAIL FROM then RCPT TO; the relay must refuse one of them. Nothing is ever sent: the session ends with RSET.
 */
final class EnvelopeProbe implements Probe {
    private final String category;
    private final String sender;
    private final String recipient;

    EnvelopeProbe(String category, String sender, String recipient) {
        this.category = category;
        this.sender = sender;
        this.recipient = recipient;
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public String description() {
        return "MAIL FROM:" + sender + " RCPT TO:" + recipient;
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom(sender);
            if (!mail.isPositive()) {
                return new ProbeResult(this, ProbeResult.Outcome.REFUSED, "MAIL " + mail);
            }
            ServerReply rcpt = client.rcptTo(recipient);
            client.command("RSET");
            return new ProbeResult(this, rcpt.isPositive() ? ProbeResult.Outcome.ACCEPTED : ProbeResult.Outcome.REFUSED, "RCPT " + rcpt);
        }
    }
}
