package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The submission listener (STARTTLS + AUTH) from the untrusted 127.0.0.2, with the demo users alice and bob.
 */
@ExtendWith(SharedRelay.class)
class SubmissionTest {
    private static final String UNTRUSTED = "127.0.0.2";

    private final RelayServer server;
    private final NextHop nextHop;

    SubmissionTest(RelayServer server, NextHop nextHop) {
        this.server = server;
        this.nextHop = nextHop;
    }

    private SmtpClient loggedIn(String login, String password) throws Exception {
        SmtpClient client = SmtpClient.connect(UNTRUSTED, server.submissionPort());
        client.ehlo("laptop.example");
        assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
        assertThat(client.authPlain(login, password).code()).isEqualTo(235);
        return client;
    }

    @Test
    void anonymousClientShouldBeToldToAuthenticate() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.submissionPort())) {
            assertThat(client.ehlo("laptop.example").mentions("STARTTLS")).isTrue();
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<friend@outside.example>").asString()).isEqualTo("530 5.7.0 Authentication required");
        }
    }

    @Test
    void authenticatedUserShouldRelayWithItsOwnSender() throws Exception {
        String subject = Messages.uniqueSubject("submission");
        try (SmtpClient client = loggedIn("alice@local.test", "alice-secret")) {
            assertThat(client.mailFrom("<alice@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<friend@outside.example>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("alice@local.test", "friend@outside.example", subject)).code()).isEqualTo(250);
        }

        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
    }

    @Test
    void authenticatedUserShouldNotUseAnotherUsersSender() throws Exception {
        try (SmtpClient client = loggedIn("alice@local.test", "alice-secret")) {
            assertThat(client.mailFrom("<bob@local.test>").asString())
                .isEqualTo("553 5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test");
        }
    }

    @Test
    void authenticatedUserShouldNotWriteAnotherUsersAddressInFrom() throws Exception {
        String subject = Messages.uniqueSubject("forged From");
        try (SmtpClient client = loggedIn("alice@local.test", "alice-secret")) {
            assertThat(client.mailFrom("<alice@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<friend@outside.example>").code()).isEqualTo(250);

            assertThat(client.data(Messages.message("bob@local.test", "friend@outside.example", subject)).asString())
                .isEqualTo("550 5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test");
        }
        assertThat(nextHop.withSubject(subject)).isEmpty();
    }

    @Test
    void authenticatedUserShouldNotUseAnOutsideSender() throws Exception {
        try (SmtpClient client = loggedIn("bob@local.test", "bob-secret")) {
            assertThat(client.mailFrom("<ceo@bank.example>").asString())
                .isEqualTo("553 5.7.1 <ceo@bank.example>: Sender address rejected: not owned by user bob@local.test");
        }
    }

    @Test
    void wrongPasswordShouldNotOpenTheRelay() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.submissionPort())) {
            client.ehlo("laptop.example");
            client.startTls("laptop.example");
            assertThat(client.authPlain("alice@local.test", "wrong").code()).isEqualTo(535);
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<friend@outside.example>").asString()).isEqualTo("530 5.7.0 Authentication required");
        }
    }

    @Test
    void passwordShouldNotBeAcceptedBeforeStartTls() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.submissionPort())) {
            assertThat(client.ehlo("laptop.example").mentions("AUTH")).isFalse();

            assertThat(client.authPlain("alice@local.test", "alice-secret").asString())
                .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
        }
    }

    @Test
    void relayListenerShouldNotAcceptAuthAtAll() throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort())) {
            client.ehlo("laptop.example");
            client.startTls("laptop.example");

            assertThat(client.authPlain("alice@local.test", "alice-secret").asString())
                .isEqualTo("503 5.5.1 Error: authentication not enabled");
        }
    }
}
