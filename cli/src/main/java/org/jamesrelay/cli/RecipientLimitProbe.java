package org.jamesrelay.cli;

import java.io.IOException;

/**
 * A recipient flood: more RCPT TO in one transaction than a relay should take (Postfix's smtpd_recipient_limit is
 * 1000). The relay must refuse some of them; nothing is sent.
 */
final class RecipientLimitProbe implements Probe {
    private final int count;
    private final String sender;
    private final String recipient;

    RecipientLimitProbe(int count, String sender, String recipient) {
        this.count = count;
        this.sender = sender;
        this.recipient = recipient;
    }

    @Override
    public String category() {
        return "limits";
    }

    @Override
    public String description() {
        return count + " x RCPT TO:" + recipient + " in one transaction";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom(sender);
            if (!mail.isPositive()) {
                return new ProbeResult(this, ProbeResult.Outcome.SKIPPED, "MAIL refused: " + mail);
            }
            for (int sent = 1; sent <= count; sent++) {
                ServerReply rcpt = client.rcptTo(recipient);
                if (!rcpt.isPositive()) {
                    client.command("RSET");
                    String outcome = "RCPT #" + sent + " " + rcpt;
                    return new ProbeResult(this, sent == 1 ? ProbeResult.Outcome.SKIPPED : ProbeResult.Outcome.REFUSED,
                        sent == 1 ? "the first recipient was refused (" + outcome + "): give --recipient an accepted address" : outcome);
                }
            }
            client.command("RSET");
            return new ProbeResult(this, ProbeResult.Outcome.ACCEPTED, "all " + count + " recipients accepted");
        }
    }
}
