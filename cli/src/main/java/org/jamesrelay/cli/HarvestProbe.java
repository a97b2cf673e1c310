package org.jamesrelay.cli;

import java.io.IOException;
import java.util.UUID;

/**
 * A directory harvest: unknown recipients of a served domain, one after the other in one session. A relay with
 * error limits ends the session (Postfix: {@code 421 4.7.0 Error: too many errors} after 20); one that answers every
 * guess lets anyone learn its recipient table. Nothing is sent.
 */
final class HarvestProbe implements Probe {
    private final int count;
    private final String sender;
    private final String domain;

    HarvestProbe(int count, String sender, String domain) {
        this.count = count;
        this.sender = sender;
        this.domain = domain;
    }

    @Override
    public String category() {
        return "limits";
    }

    @Override
    public String description() {
        return count + " unknown recipients of " + domain + " in one session (directory harvest)";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        String prefix = "selftest-harvest-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom(sender);
            if (!mail.isPositive()) {
                return new ProbeResult(this, ProbeResult.Outcome.SKIPPED, "MAIL refused: " + mail);
            }
            for (int sent = 1; sent <= count; sent++) {
                ServerReply rcpt;
                try {
                    rcpt = client.rcptTo("<" + prefix + sent + "@" + domain + ">");
                } catch (IOException closed) {
                    return new ProbeResult(this, ProbeResult.Outcome.REFUSED, "connection closed after " + (sent - 1) + " guesses");
                }
                if (rcpt.code() == 421 || rcpt.asString().contains("rate limit")) {
                    return new ProbeResult(this, ProbeResult.Outcome.REFUSED, "cut at guess #" + sent + ": " + rcpt);
                }
            }
            return new ProbeResult(this, ProbeResult.Outcome.ACCEPTED, "all " + count + " guesses answered, the session never cut");
        }
    }
}
