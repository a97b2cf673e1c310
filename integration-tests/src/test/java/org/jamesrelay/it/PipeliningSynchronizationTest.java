package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: "Server accepts bad protocol synchronization". Commands sent ahead where RFC 2920 forbids it are refused
 * with a disconnection, as Postfix 3.9's smtpd_forbid_unauth_pipelining does; PIPELINING as RFC 2920 allows it, by
 * hand, by swaks --pipeline and by Postfix's smtp-source, still delivers. On a relay of its own with the sample
 * policy and {@code limit-exceptions none}, so that smtp-source, which can only connect from 127.0.0.1, is checked.
 */
class PipeliningSynchronizationTest {
    private static final String UNTRUSTED = "127.0.0.2";
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String SYNCHRONIZATION_ERROR = "554 5.5.0 Error: SMTP protocol synchronization";

    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        nextHop = NextHop.start();
        Path policy = RelayServer.samplePolicyWith(temp, "limit-exceptions none");
        server = RelayServer.start("pipelining", nextHop, Optional.of(policy));
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    @Test
    void commandsSentWithTheFinalDotShouldBeRefusedAndTheMessageNotAccepted() throws Exception {
        String subject = Messages.uniqueSubject("smuggled");
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            client.rcptTo("<info@relay.test>");
            assertThat(client.command("DATA").code()).isEqualTo(354);

            client.send(Messages.message("someone@outside.example", "info@relay.test", subject).replace("\n", "\r\n")
                + "\r\n.\r\nMAIL FROM:<someone@outside.example>\r\nRCPT TO:<info@relay.test>\r\nDATA\r\n");

            assertThat(client.readRepliesUntilQuiet(QUIET)).extracting(ServerReply::asString).containsExactly(SYNCHRONIZATION_ERROR);
        }
    }

    @Test
    void aQuitSentWithTheFinalDotShouldEndTheSessionAfterTheMessage() throws Exception {
        String subject = Messages.uniqueSubject("quit after dot");
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            client.rcptTo("<info@relay.test>");
            assertThat(client.command("DATA").code()).isEqualTo(354);

            client.send(Messages.message("someone@outside.example", "info@relay.test", subject).replace("\n", "\r\n") + "\r\n.\r\nQUIT\r\n");

            assertThat(client.readRepliesUntilQuiet(QUIET)).extracting(ServerReply::code).containsExactly(250, 221);
        }
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void commandsSentAfterEhloWithoutWaitingShouldBeRefused() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            client.send("EHLO client.example\r\nMAIL FROM:<someone@outside.example>\r\n");

            assertThat(client.readRepliesUntilQuiet(QUIET)).extracting(ServerReply::asString).containsExactly(SYNCHRONIZATION_ERROR);
        }
    }

    @Test
    void aClientThatSaidHeloShouldNotPipelineAtAll() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            assertThat(client.command("HELO client.example").code()).isEqualTo(250);
            client.send("MAIL FROM:<someone@outside.example>\r\nRCPT TO:<info@relay.test>\r\n");

            assertThat(client.readRepliesUntilQuiet(QUIET)).extracting(ServerReply::asString).containsExactly(SYNCHRONIZATION_ERROR);
        }
    }

    @Test
    void aGroupEndingWithDataShouldBeAcceptedAfterEhlo() throws Exception {
        String subject = Messages.uniqueSubject("pipelined by hand");
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            assertThat(client.ehlo("client.example").mentions("PIPELINING")).isTrue();
            client.send("MAIL FROM:<someone@outside.example>\r\nRCPT TO:<info@relay.test>\r\nDATA\r\n");
            List<ServerReply> replies = client.readRepliesUntilQuiet(Duration.ofSeconds(2));
            assertThat(replies).extracting(ServerReply::code).containsExactly(250, 250, 354);
            client.send(Messages.message("someone@outside.example", "info@relay.test", subject).replace("\n", "\r\n") + "\r\n.\r\n");
            assertThat(client.readRepliesUntilQuiet(Duration.ofSeconds(2))).extracting(ServerReply::code).containsExactly(250);
        }
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void swaksWithPipelineShouldDeliver() throws Exception {
        String subject = Messages.uniqueSubject("swaks pipeline");
        ClientCommand.runToSuccess("swaks", "--pipeline", "--server", "127.0.0.1", "--port", Integer.toString(server.smtpPort()),
            "--local-interface", UNTRUSTED, "--from", "someone@outside.example", "--to", "info@relay.test", "--header", "Subject: " + subject,
            "--body", "pipelined by swaks");
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void smtpSourceShouldDeliverEveryMessage() throws Exception {
        String prefix = Messages.uniqueSubject("smtp-source");
        ClientCommand.runToSuccess("smtp-source", "-c", "-s", "2", "-m", "6", "-l", "2000", "-S", prefix,
            "-f", "someone@outside.example", "-t", "info@relay.test", "127.0.0.1:" + server.smtpPort());
        await().atMost(ONE_MINUTE).until(() -> nextHop.withSubjectStartingWith(prefix).size() == 6);
    }
}
