package org.jamesrelay.cli;

import java.io.IOException;

/**
 * MAIL FROM alone: for an authenticated client, an address it does not own must be refused right there.
 */
final class SenderProbe implements Probe {
    private final String sender;

    SenderProbe(String sender) {
        this.sender = sender;
    }

    @Override
    public String category() {
        return "spoofing";
    }

    @Override
    public String description() {
        return "MAIL FROM:" + sender + " (an address the login does not own)";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom(sender);
            client.command("RSET");
            return new ProbeResult(this, mail.isPositive() ? ProbeResult.Outcome.ACCEPTED : ProbeResult.Outcome.REFUSED, "MAIL " + mail);
        }
    }
}
