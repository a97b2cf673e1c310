package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a client that sends commands before the greeting is refused and disconnected. With {@code greet-pause},
 * as Sendmail's greet_pause and postscreen's pregreet test, the greeting waits, a client that speaks first gets
 * {@code 554 5.5.0} at once, a client that waits is served, and real clients (swaks, smtp-source) deliver. On a relay of
 * its own whose only trusted network is 127.0.0.3, so that smtp-source, which connects from 127.0.0.1, is paused.
 */
class PregreetTest {
    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final String UNTRUSTED = "127.0.0.2";
    private static final String TRUSTED = "127.0.0.3";

    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        nextHop = NextHop.start();
        Path policy = temp.resolve("relay-policy.conf");
        Files.writeString(policy, Files.readString(RelayServer.home().resolve("conf/relay-policy.conf"))
            .replace("trusted-network 127.0.0.1/32", "trusted-network " + TRUSTED + "/32")
            + "\ngreet-pause " + PAUSE.toSeconds() + "s\n");
        server = RelayServer.start("pregreet", nextHop, Optional.of(policy));
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    @Test
    void aClientThatSpeaksFirstShouldBeRefusedAtOnceAndDisconnected() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(UNTRUSTED), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.smtpPort()));
            long start = System.nanoTime();
            socket.getOutputStream().write("EHLO spambot.example\r\n".getBytes(StandardCharsets.US_ASCII));

            String everything = readUntilClosed(socket.getInputStream());

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("A client that spoke first was refused after " + elapsed.toMillis() + " ms");
            assertThat(everything).isEqualTo("554 5.5.0 Error: SMTP protocol synchronization\r\n");
            assertThat(elapsed).isLessThan(PAUSE);
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> server.log().contains("improper command pipelining before the greeting from /" + UNTRUSTED + ":"));
    }

    @Test
    void aClientThatWaitsShouldBeGreetedAfterThePauseAndServed() throws Exception {
        String subject = Messages.uniqueSubject("waited for the greeting");
        long start = System.nanoTime();
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("An untrusted client was greeted after " + waited.toMillis() + " ms");
            assertThat(client.greeting().code()).isEqualTo(220);
            assertThat(waited).isGreaterThanOrEqualTo(PAUSE.minusMillis(50));

            assertThat(client.ehlo("client.example").code()).isEqualTo(250);
            assertThat(client.mailFrom("<someone@outside.example>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("someone@outside.example", "info@relay.test", subject)).code()).isEqualTo(250);
        }
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void aTrustedClientShouldBeGreetedWithoutThePause() throws Exception {
        long start = System.nanoTime();
        try (SmtpClient client = SmtpClient.connect(TRUSTED, server.smtpPort())) {
            assertThat(client.greeting().code()).isEqualTo(220);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PAUSE);
        }
    }

    @Test
    void swaksShouldDeliverAfterThePause() throws Exception {
        String subject = Messages.uniqueSubject("swaks after the pause");
        ClientCommand.runToSuccess("swaks", "--server", "127.0.0.1", "--port", Integer.toString(server.smtpPort()),
            "--local-interface", UNTRUSTED, "--from", "someone@outside.example", "--to", "info@relay.test", "--header", "Subject: " + subject,
            "--body", "sent by swaks");
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void smtpSourceShouldDeliverEveryMessageAfterThePause() throws Exception {
        String prefix = Messages.uniqueSubject("smtp-source after the pause");
        ClientCommand.runToSuccess("smtp-source", "-s", "2", "-m", "4", "-l", "2000", "-S", prefix,
            "-f", "someone@outside.example", "-t", "info@relay.test", "127.0.0.1:" + server.smtpPort());
        await().atMost(ONE_MINUTE).until(() -> nextHop.withSubjectStartingWith(prefix).size() == 4);
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
