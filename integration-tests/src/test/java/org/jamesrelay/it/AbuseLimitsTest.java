package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks measured in issue 11, on a relay of its own with the sample policy and the default limits (only the
 * failed-login delay shortened, to keep the test short). Each password guesser uses its own loopback /24, since
 * failed logins are counted per address and per network, whatever order the tests run in.
 */
class AbuseLimitsTest {
    private static final Duration QUIET = Duration.ofSeconds(5);

    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        nextHop = NextHop.start();
        Path policy = RelayServer.samplePolicyWith(temp, "auth-failure-delay 100ms");
        server = RelayServer.start("abuse-limits", nextHop, Optional.of(policy));
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    /** Issue 11: 2,000 unknown recipients of relay.test in 0.9 s in one session, never cut. */
    @Test
    void recipientHarvestShouldEndAtTheHardErrorLimitAndBeSlowedPastTheSoftLimit() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.3", server.smtpPort())) {
            client.ehlo("harvester.example");
            client.mailFrom("<someone@outside.example>");
            List<ServerReply> replies = new ArrayList<>();
            long start = 0;
            for (int i = 1; i <= 2000; i++) {
                if (i == ErrorLimitsDefaults.SOFT + 1) {
                    start = System.nanoTime();
                }
                ServerReply reply = client.rcptTo("<nobody" + i + "@relay.test>");
                replies.add(reply);
                if (reply.code() == 421) {
                    break;
                }
            }
            Duration slowed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(replies).hasSize(ErrorLimitsDefaults.HARD);
            assertThat(replies.subList(0, ErrorLimitsDefaults.HARD - 1)).allSatisfy(reply -> assertThat(reply.code()).isEqualTo(550));
            assertThat(replies.get(ErrorLimitsDefaults.HARD - 1).asString()).isEqualTo("421 4.7.0 Error: too many errors");
            assertThat(slowed).isGreaterThanOrEqualTo(Duration.ofSeconds(ErrorLimitsDefaults.HARD - ErrorLimitsDefaults.SOFT - 2));
            assertThat(client.readRepliesUntilQuiet(QUIET)).isEmpty();
        }
    }

    @Test
    void pipelinedHarvestShouldGetNoMoreAnswersThanTheHardErrorLimit() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.6", server.smtpPort())) {
            client.ehlo("harvester.example");
            client.mailFrom("<someone@outside.example>");
            StringBuilder batch = new StringBuilder();
            for (int i = 1; i <= 2000; i++) {
                batch.append("RCPT TO:<nobody").append(i).append("@relay.test>\r\n");
            }
            client.send(batch.toString());

            List<ServerReply> replies = client.readRepliesUntilQuiet(QUIET);

            assertThat(replies).hasSizeLessThanOrEqualTo(ErrorLimitsDefaults.HARD);
            assertThat(replies.get(replies.size() - 1).asString()).isEqualTo("421 4.7.0 Error: too many errors");
        }
    }

    /** Issue 11: 200 password guesses in 1.3 s on one connection, each answered 535, never delayed nor disconnected. */
    @Test
    void passwordGuessingShouldBeLockedOutAndLoggedOnce() throws Exception {
        List<ServerReply> replies = new ArrayList<>();
        try (SmtpClient client = submission("127.0.11.4")) {
            for (int i = 0; i < 200; i++) {
                ServerReply reply = client.authPlain("alice@local.test", "guess-" + i);
                replies.add(reply);
                if (reply.code() != 535) {
                    break;
                }
            }
            assertThat(client.readRepliesUntilQuiet(QUIET)).isEmpty();
        }

        assertThat(replies).hasSize(10);
        assertThat(replies.get(9).asString()).isEqualTo("421 4.7.0 Error: too many failed logins from this address, try again in 900 s");
        assertThat(server.log()).containsOnlyOnce("lockout scope=client key=127.0.11.4 client=127.0.11.4 login=<alice@local.test> failures=10");
    }

    @Test
    void aLockedOutAddressShouldBeRefusedEvenTheRightPasswordWhileAnotherAddressLogsIn() throws Exception {
        try (SmtpClient client = submission("127.0.12.5")) {
            for (int i = 0; i < 10; i++) {
                client.authPlain("bob@local.test", "guess-" + i);
            }
        }

        try (SmtpClient client = submission("127.0.12.5")) {
            assertThat(client.authPlain("bob@local.test", "bob-secret").asString()).startsWith("454 4.7.0 Error: too many failed logins from this address");
        }
        try (SmtpClient client = submission("127.0.12.7")) {
            assertThat(client.authPlain("bob@local.test", "bob-secret").code()).isEqualTo(235);
        }
    }

    @Test
    void aLockoutShouldBeListedAndLiftedThroughWebAdmin() throws Exception {
        try (SmtpClient client = submission("127.0.13.8")) {
            for (int i = 0; i < 10; i++) {
                client.authPlain("alice@local.test", "guess-" + i);
            }
        }
        assertThat(server.webAdminAnswer("GET", "/relay/lockouts", "").body()).contains("\"key\":\"127.0.13.8\"");

        assertThat(server.webAdminAnswer("DELETE", "/relay/lockouts/client/127.0.13.8", "").statusCode()).isEqualTo(204);

        try (SmtpClient client = submission("127.0.13.8")) {
            assertThat(client.authPlain("alice@local.test", "alice-secret").code()).isEqualTo(235);
        }
    }

    @Test
    void trustedClientsShouldBeSparedAsLimitExceptionsSays() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            client.mailFrom("<app@local.test>");
            for (int i = 1; i <= ErrorLimitsDefaults.HARD + 5; i++) {
                assertThat(client.rcptTo("<nobody" + i + "@relay.test>").code()).isEqualTo(550);
            }
        }
    }

    private SmtpClient submission(String address) throws Exception {
        SmtpClient client = SmtpClient.connect(address, server.submissionPort());
        client.ehlo("laptop.example");
        assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
        return client;
    }

    /** Postfix's smtpd_soft_error_limit and smtpd_hard_error_limit, the relay's defaults. */
    private static final class ErrorLimitsDefaults {
        static final int SOFT = 10;
        static final int HARD = 20;
    }
}
