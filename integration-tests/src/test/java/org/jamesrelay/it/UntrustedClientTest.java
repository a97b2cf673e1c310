package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.mail.internet.MimeMessage;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client on 127.0.0.2, outside the trusted networks, without AUTH, on the port-25 style listener.
 */
@ExtendWith(SharedRelay.class)
class UntrustedClientTest {
    private static final String UNTRUSTED = "127.0.0.2";

    private final RelayServer server;
    private final NextHop nextHop;

    UntrustedClientTest(RelayServer server, NextHop nextHop) {
        this.server = server;
        this.nextHop = nextHop;
    }

    private SmtpClient connect() throws Exception {
        SmtpClient client = SmtpClient.connect(UNTRUSTED, server.smtpPort());
        assertThat(client.ehlo("client.example").code()).isEqualTo(250);
        return client;
    }

    @Test
    void outsideRecipientShouldBeRefusedAtRcpt() throws Exception {
        try (SmtpClient client = connect()) {
            assertThat(client.mailFrom("<someone@outside.example>").code()).isEqualTo(250);

            assertThat(client.rcptTo("<victim@elsewhere.example>").asString())
                .isEqualTo("550 5.7.1 <victim@elsewhere.example>: Relay access denied");
        }
    }

    @Test
    void outsideRecipientShouldBeRefusedWhateverTheLetterCase() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<Victim@ElseWhere.EXAMPLE>").code()).isEqualTo(550);
        }
    }

    @Test
    void knownRelayRecipientShouldBeAcceptedAndForwarded() throws Exception {
        String subject = Messages.uniqueSubject("relay domain");
        try (SmtpClient client = connect()) {
            assertThat(client.mailFrom("<someone@outside.example>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("someone@outside.example", "info@relay.test", subject)).code()).isEqualTo(250);
        }

        MimeMessage received = nextHop.awaitSubject(subject, Duration.ofSeconds(60)).orElseThrow();
        assertThat(received.getHeader("X-Relay-Test")).containsExactly("kept intact");
        assertThat(received.getHeader("From")).containsExactly("<someone@outside.example>");
    }

    @Test
    void relayDomainShouldMatchCaseInsensitively() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<INFO@Relay.Test>").code()).isEqualTo(250);
        }
    }

    @Test
    void unknownRelayRecipientShouldBeRefusedWithoutBackscatter() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<nobody@relay.test>").asString())
                .isEqualTo("550 5.1.1 <nobody@relay.test>: Recipient address rejected: User unknown in relay recipient table");
        }
    }

    @Test
    void relayDomainWithoutRecipientListShouldAcceptAnyRecipient() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<anyone@backup.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void localUserShouldBeAccepted() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<alice@local.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void unknownLocalUserShouldBeRefused() throws Exception {
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");

            assertThat(client.rcptTo("<nobody@local.test>").code()).isEqualTo(550);
        }
    }

    @Test
    void localSenderShouldRequireLogin() throws Exception {
        try (SmtpClient client = connect()) {
            assertThat(client.mailFrom("<alice@local.test>").asString())
                .isEqualTo("553 5.7.1 <alice@local.test>: Sender address rejected: not logged in");
        }
    }

    @Test
    void refusedMailShouldNeverArrive() throws Exception {
        String refused = Messages.uniqueSubject("refused");
        String allowed = Messages.uniqueSubject("allowed after refused");
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");
            assertThat(client.rcptTo("<victim@elsewhere.example>").code()).isEqualTo(550);
            assertThat(client.data(Messages.message("someone@outside.example", "victim@elsewhere.example", refused)).code())
                .isEqualTo(503);
            client.command("RSET");
            client.mailFrom("<someone@outside.example>");
            client.rcptTo("<sales@relay.test>");
            assertThat(client.data(Messages.message("someone@outside.example", "sales@relay.test", allowed)).code()).isEqualTo(250);
        }

        assertThat(nextHop.awaitSubject(allowed, Duration.ofSeconds(60))).isPresent();
        assertThat(nextHop.withSubject(refused)).isEmpty();
    }

    @Test
    void refusedRecipientShouldNotReceiveTheMailItsAcceptedNeighbourGets() throws Exception {
        String subject = Messages.uniqueSubject("mixed recipients");
        try (SmtpClient client = connect()) {
            client.mailFrom("<someone@outside.example>");
            assertThat(client.rcptTo("<victim@mixed.example>").code()).isEqualTo(550);
            assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("someone@outside.example", "info@relay.test", subject)).code()).isEqualTo(250);
        }

        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
        assertThat(nextHop.receivedForDomain("mixed.example")).isEmpty();
    }
}
