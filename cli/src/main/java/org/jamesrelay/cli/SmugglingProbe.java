package org.jamesrelay.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * SMTP smuggling (CVE-2023-51764 family): a message whose body holds a non-standard end of data followed by a second,
 * smuggled transaction. A relay that takes the odd sequence as the end of data runs the smuggled commands: it then
 * answers them, which is what this probe looks for. The carrier message itself goes to an accepted recipient.
 */
final class SmugglingProbe implements Probe {
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final String name;
    private final String endOfData;
    private final String sender;
    private final String recipient;

    SmugglingProbe(String name, String endOfData, String sender, String recipient) {
        this.name = name;
        this.endOfData = endOfData;
        this.sender = sender;
        this.recipient = recipient;
    }

    @Override
    public String category() {
        return "smuggling";
    }

    @Override
    public String description() {
        return "end of data '" + name + "' then MAIL FROM:" + sender + " RCPT TO:" + recipient + " DATA";
    }

    @Override
    public ProbeResult run(ProbeTarget target) throws IOException {
        try (SmtpClient client = target.openSession()) {
            ServerReply mail = client.mailFrom(sender);
            ServerReply rcpt = client.rcptTo(recipient);
            ServerReply data = client.command("DATA");
            if (!mail.isPositive() || !rcpt.isPositive() || data.code() != 354) {
                return new ProbeResult(this, ProbeResult.Outcome.SKIPPED,
                    "the carrier message was not accepted (" + mail + "; " + rcpt + "; " + data + "): give --recipient an accepted address");
            }
            String marker = "smuggled " + UUID.randomUUID();
            client.send("Subject: James Relay self-test carrier\r\n\r\ncarrier" + endOfData
                + "MAIL FROM:" + sender + "\r\nRCPT TO:" + recipient + "\r\nDATA\r\n"
                + "Subject: " + marker + "\r\n\r\nsmuggled\r\n.\r\n");
            List<ServerReply> replies = client.readRepliesUntilQuiet(QUIET);
            if (replies.isEmpty()) {
                client.send("\r\n.\r\n");
                replies = client.readRepliesUntilQuiet(QUIET);
            }
            return judge(replies);
        }
    }

    /** One reply closes the carrier; any more means the smuggled commands were read as commands. */
    private ProbeResult judge(List<ServerReply> replies) {
        boolean smuggledCommandsAnswered = replies.stream().skip(1).anyMatch(reply -> reply.isPositive());
        return new ProbeResult(this, smuggledCommandsAnswered ? ProbeResult.Outcome.ACCEPTED : ProbeResult.Outcome.REFUSED,
            "replies " + replies);
    }
}
