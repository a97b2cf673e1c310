package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;


import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded, seeded fuzz run against the real relay: malformed commands, addresses and MIME. The relay must answer
 * every command with a proper SMTP reply, keep serving, log no exception from our code, and deliver every message
 * it accepted.
 */
@ExtendWith(SharedRelay.class)
class MalformedInputTest {
    private static final long SEED = 20261128L;
    private static final int CASES = 60;
    private static final String TRICKY = "@%!\"\\[]:;,<> \t.()=+-_'`~#$&*/?^{|}\u00e9\u00ff\u0000\u0001\u007f";

    private final RelayServer server;
    private final NextHop nextHop;
    private final Random random = new Random(SEED);

    MalformedInputTest(RelayServer server, NextHop nextHop) {
        this.server = server;
        this.nextHop = nextHop;
    }

    @Test
    void malformedCommandsShouldEachGetAProperReply() throws Exception {
        for (int i = 0; i < CASES; i++) {
            try (SmtpClient client = SmtpClient.connect(source(i), server.smtpPort())) {
                client.ehlo(randomText(1 + random.nextInt(300)));
                String command = randomCommand();
                ServerReply reply = client.command(command);

                assertThat(reply.code()).as("reply to %s", printable(command)).isBetween(200, 599);
            }
        }
        assertStillServing();
    }

    @Test
    void malformedAddressesShouldEachGetAProperReply() throws Exception {
        for (int i = 0; i < CASES; i++) {
            try (SmtpClient client = SmtpClient.connect(source(i), server.smtpPort())) {
                client.ehlo("fuzz.example");
                String sender = "<" + randomAddress() + ">";
                ServerReply mail = client.mailFrom(sender);
                assertThat(mail.code()).as("reply to MAIL FROM:%s", printable(sender)).isBetween(200, 599);
                if (mail.isPositive()) {
                    String recipient = "<" + randomAddress() + ">";
                    ServerReply rcpt = client.rcptTo(recipient);
                    assertThat(rcpt.code()).as("reply to RCPT TO:%s", printable(recipient)).isBetween(200, 599);
                }
            }
        }
        assertStillServing();
    }

    @Test
    void malformedMimeShouldNeverLoseAcceptedMail() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String id = UUID.randomUUID().toString();
            try (SmtpClient client = SmtpClient.connect(source(i), server.smtpPort())) {
                client.ehlo("fuzz.example");
                client.mailFrom("<fuzzer@outside.example>");
                assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
                ServerReply reply = client.data(malformedMessage(id));

                assertThat(reply.code()).as("reply to message %d", i).isBetween(200, 599);
                if (reply.isPositive()) {
                    accepted.add(id);
                }
            }
        }

        assertThat(accepted).isNotEmpty();
        awaitAll(accepted, Duration.ofSeconds(60));
        assertStillServing();
        assertThat(server.log()).doesNotContain("at org.jamesrelay.");
    }

    private static String source(int i) {
        return i % 2 == 0 ? "127.0.0.1" : "127.0.0.2";
    }

    private String randomCommand() {
        switch (random.nextInt(6)) {
            case 0:
                return randomText(1 + random.nextInt(2000));
            case 1:
                return "MAIL FROM:" + randomText(random.nextInt(600));
            case 2:
                return "RCPT TO:" + randomText(random.nextInt(600));
            case 3:
                return randomText(4).toUpperCase() + " " + randomText(random.nextInt(100));
            case 4:
                return "AUTH " + randomText(random.nextInt(100));
            default:
                return "MAIL FROM:<a@b> " + randomText(random.nextInt(200)) + "=" + randomText(random.nextInt(50));
        }
    }

    private String randomAddress() {
        String local = randomText(1 + random.nextInt(40));
        String domain = random.nextBoolean() ? "relay.test" : randomText(1 + random.nextInt(40));
        return random.nextInt(5) == 0 ? local : local + "@" + domain;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(3) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length())) : (char) ('a' + random.nextInt(26)));
        }
        return text.toString().replace("\r", "").replace("\n", "");
    }

    private String malformedMessage(String id) {
        String boundary = "b" + random.nextInt(1000);
        StringBuilder message = new StringBuilder();
        message.append("X-Fuzz-Id: ").append(id).append("\r\n");
        message.append("Subject: fuzz ").append(randomText(random.nextInt(50))).append("\r\n");
        switch (random.nextInt(5)) {
            case 0:
                message.append("X-Huge: ").append("h".repeat(50_000 + random.nextInt(50_000))).append("\r\n");
                break;
            case 1:
                message.append("Content-Type: multipart/mixed; boundary=").append(boundary).append("\r\n");
                break;
            case 2:
                message.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\r\n");
                break;
            case 3:
                message.append("Content-Transfer-Encoding: base64\r\nContent-Type: application/octet-stream; name=").append(randomText(30)).append("\r\n");
                break;
            default:
                message.append("Content-Type: text/plain; charset=").append(randomText(10)).append("\r\n");
                break;
        }
        message.append("\r\n");
        int parts = random.nextInt(4);
        for (int part = 0; part < parts; part++) {
            message.append("--").append(random.nextBoolean() ? boundary : boundary + "x").append("\r\n");
            message.append("Content-Type: ").append(randomText(20)).append("\r\n\r\n");
            message.append(randomText(200)).append("\u0000=ZZ=\r\n");
        }
        message.append("body ").append(randomText(500)).append("\r\n");
        return message.toString();
    }

    /**
     * Every accepted message is delivered, or kept in James's error repository for an operator to reprocess: the
     * memory server's mail queue of James 3.8.1 cannot copy a message whose MIME headers do not parse, so
     * RemoteDelivery hands such mail to the error processor instead of relaying it unchanged.
     */
    private void awaitAll(List<String> ids, Duration timeout) {
        List<String> missing = new ArrayList<>(ids);
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            missing.removeAll(nextHop.headerValues("X-Fuzz-Id"));
            missing.removeAll(server.mailRepositoryHeaderValues("var/mail/error", "X-Fuzz-Id"));
            assertThat(missing).as("accepted messages neither delivered to the next hop nor kept in var/mail/error").isEmpty();
        });
    }

    private void assertStillServing() throws IOException {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
            assertThat(client.ehlo("after.fuzz.example").code()).isEqualTo(250);
            assertThat(client.mailFrom("<someone@outside.example>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
        }
    }

    private static String printable(String text) {
        StringBuilder printable = new StringBuilder();
        for (char c : text.toCharArray()) {
            printable.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return printable.toString();
    }
}
