package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.AuthenticationFailedException;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.AuthAttempt;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.SessionEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;

class RecordingNextHopTest {
    private static final String SENDER = "sender@client.test";
    private static final String USER = "relay-user";
    private static final String PASSWORD = "relay-secret";

    @TempDir
    static Path certificates;

    private static TestCertificates identityA;
    private static TestCertificates identityB;

    @BeforeAll
    static void createIdentities() {
        identityA = TestCertificates.create(certificates, "hop-a");
        identityB = TestCertificates.create(certificates, "hop-b");
    }

    @Test
    void messageSentInClearShouldBeRecordedWithItsEnvelopeAndWithoutTls() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().startTls(identityA))) {
            String subject = Messages.uniqueSubject("clear");

            send(properties(hop), subject, "one@dest.test", "two@dest.test");

            assertThat(hop.messages()).singleElement().satisfies(received -> {
                assertThat(received.sender()).isEqualTo(SENDER);
                assertThat(received.recipients()).containsExactly("one@dest.test", "two@dest.test");
                assertThat(received.data()).contains("Subject: " + subject + "\r\n")
                    .contains("\r\n.leading dot line\r\n")
                    .doesNotContain("..leading");
                assertThat(received.tls()).isFalse();
                assertThat(received.authenticatedUser()).isEmpty();
            });
            assertThat(hop.authAttempts()).isEmpty();
            assertThat(hop.connections()).isEqualTo(1);
        }
    }

    @Test
    void aHopLimitingMessagesPerSessionShouldAnswer421ToTheNextMailThenAcceptANewSession() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().messagesPerSession(1, SessionEnd.REFUSE_MAIL))) {
            for (int session = 0; session < 2; session++) {
                try (SmtpClient client = SmtpClient.connect("127.0.0.1", hop.port())) {
                    client.ehlo("client.test");
                    assertThat(client.mailFrom("<" + SENDER + ">").code()).isEqualTo(250);
                    assertThat(client.rcptTo("<one@dest.test>").code()).isEqualTo(250);
                    assertThat(client.data(Messages.message(SENDER, "one@dest.test", "limited " + session)).code()).isEqualTo(250);
                    assertThat(client.mailFrom("<" + SENDER + ">").asString()).startsWith("421 4.7.0");
                }
            }

            assertThat(hop.messages()).hasSize(2);
            assertThat(hop.connections()).isEqualTo(2);
        }
    }

    @Test
    void messageSentAfterStartTlsShouldBeRecordedUnderTls() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().startTls(identityA))) {
            Properties properties = properties(hop);
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.trust", "127.0.0.1");

            send(properties, Messages.uniqueSubject("tls"), "one@dest.test");

            assertThat(hop.messages()).singleElement().satisfies(received -> assertThat(received.tls()).isTrue());
        }
    }

    @Test
    void clientTrustingOnlyIdentityAShouldAcceptHopAAndRefuseHopB() throws Exception {
        try (RecordingNextHop hopA = RecordingNextHop.start(Options.defaults().startTls(identityA));
             RecordingNextHop hopB = RecordingNextHop.start(Options.defaults().startTls(identityB))) {

            send(trustingOnly(identityA, hopA), Messages.uniqueSubject("trusted"), "one@dest.test");

            assertThatThrownBy(() -> send(trustingOnly(identityA, hopB), Messages.uniqueSubject("untrusted"), "one@dest.test"))
                .isInstanceOf(MessagingException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
            assertThat(hopA.messages()).singleElement().satisfies(received -> assertThat(received.tls()).isTrue());
            assertThat(hopB.messages()).isEmpty();
            assertThat(hopB.connections()).isEqualTo(1);
        }
    }

    @Test
    void requireTlsShouldRefuseMailInClear() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().startTls(identityA).requireTls())) {
            assertThatThrownBy(() -> send(properties(hop), Messages.uniqueSubject("clear"), "one@dest.test"))
                .asInstanceOf(throwable(SMTPSendFailedException.class))
                .satisfies(e -> assertThat(e.getReturnCode()).isEqualTo(530))
                .hasMessageContaining("5.7.0 Must issue a STARTTLS command first");

            send(trustingOnly(identityA, hop), Messages.uniqueSubject("tls"), "one@dest.test");

            assertThat(hop.messages()).singleElement().satisfies(received -> assertThat(received.tls()).isTrue());
        }
    }

    @Test
    void authLoginShouldBeRecordedWithTheAuthenticatedUser() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().auth(USER, PASSWORD))) {
            Properties properties = properties(hop);
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.auth.mechanisms", "LOGIN");

            sendAs(properties, USER, PASSWORD, Messages.uniqueSubject("login"), "one@dest.test");

            assertThat(hop.authAttempts()).containsExactly(new AuthAttempt(USER, PASSWORD, true));
            assertThat(hop.messages()).singleElement()
                .satisfies(received -> assertThat(received.authenticatedUser()).contains(USER));
        }
    }

    @Test
    void authPlainWithAWrongPasswordShouldBeRefusedAndRecorded() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().auth(USER, PASSWORD))) {
            Properties properties = properties(hop);
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.auth.mechanisms", "PLAIN");

            assertThatThrownBy(() -> sendAs(properties, USER, "wrong", Messages.uniqueSubject("plain"), "one@dest.test"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("535 5.7.8 Authentication credentials invalid");

            assertThat(hop.authAttempts()).containsExactly(new AuthAttempt(USER, "wrong", false));
            assertThat(hop.messages()).isEmpty();
        }
    }

    @Test
    void authPlainShouldAcceptTheResponseInlineOrAfterAChallenge() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().auth(USER, PASSWORD))) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", hop.port())) {
                assertThat(client.ehlo("client.test").mentions("AUTH PLAIN LOGIN")).isTrue();
                assertThat(client.command("AUTH PLAIN").asString()).isEqualTo("334 ");
                assertThat(client.command(plain(USER, PASSWORD)).asString())
                    .isEqualTo("235 2.7.0 Authentication successful");
                assertThat(client.authPlain(USER, PASSWORD).code()).isEqualTo(503);
            }
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", hop.port())) {
                client.ehlo("client.test");
                assertThat(client.authPlain(USER, "inline").asString())
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
                assertThat(client.command("AUTH PLAIN").code()).isEqualTo(334);
                assertThat(client.command("*").code()).isEqualTo(501);
            }

            assertThat(hop.authAttempts())
                .containsExactly(new AuthAttempt(USER, PASSWORD, true), new AuthAttempt(USER, "inline", false));
            assertThat(hop.connections()).isEqualTo(2);
        }
    }

    @Test
    void rejectRecipientsShouldFailTheSendWithTheCode() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().rejectRecipients(550, "5.1.1 No such user"))) {
            assertThatThrownBy(() -> send(properties(hop), Messages.uniqueSubject("refused"), "one@dest.test"))
                .asInstanceOf(throwable(SendFailedException.class))
                .extracting(SendFailedException::getNextException)
                .asInstanceOf(throwable(SMTPAddressFailedException.class))
                .satisfies(e -> assertThat(e.getReturnCode()).isEqualTo(550))
                .hasMessageContaining("5.1.1 No such user");

            assertThat(hop.messages()).isEmpty();
        }
    }

    @Test
    void rejectRecipientShouldRefuseOnlyThatAddress() throws Exception {
        Options options = Options.defaults().rejectRecipient("bad@dest.test", 550, "5.1.1 No such user");
        try (RecordingNextHop hop = RecordingNextHop.start(options)) {
            Properties properties = properties(hop);
            properties.put("mail.smtp.sendpartial", "true");

            assertThatThrownBy(() -> send(properties, Messages.uniqueSubject("partial"), "good@dest.test", "Bad@Dest.test"))
                .asInstanceOf(throwable(SendFailedException.class))
                .satisfies(e -> assertThat(e.getInvalidAddresses()).extracting(Address::toString)
                    .containsExactly("Bad@Dest.test"));

            assertThat(hop.messages()).singleElement()
                .satisfies(received -> assertThat(received.recipients()).containsExactly("good@dest.test"));
        }
    }

    @Test
    void sessionShouldFollowTheSmtpSequenceAndRecordTheDataAsSent() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().greeting("mx.example"))) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", hop.port())) {
                assertThat(client.greeting().asString()).isEqualTo("220 mx.example ESMTP");
                assertThat(client.mailFrom("<>").code()).isEqualTo(503);
                assertThat(client.command("VRFY someone").code()).isEqualTo(502);
                assertThat(client.command("STARTTLS").code()).isEqualTo(502);
                assertThat(client.command("AUTH PLAIN").code()).isEqualTo(502);

                ServerReply ehlo = client.ehlo("client.test");
                assertThat(ehlo.asString()).isEqualTo("250 mx.example / PIPELINING / 8BITMIME / SIZE");
                assertThat(client.command("DATA").code()).isEqualTo(503);
                assertThat(client.rcptTo("<one@dest.test>").code()).isEqualTo(503);
                assertThat(client.mailFrom("<> SIZE=120 BODY=8BITMIME RET=HDRS ENVID=id-1").code()).isEqualTo(250);
                assertThat(client.mailFrom("<other@client.test>").code()).isEqualTo(503);
                assertThat(client.command("DATA").code()).isEqualTo(503);
                assertThat(client.rcptTo("<one@dest.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;one@dest.test").code())
                    .isEqualTo(250);
                assertThat(client.command("NOOP").code()).isEqualTo(250);
                assertThat(client.data("Subject: raw\r\n\r\n.one dot\r\n..two dots\r\nlast").code()).isEqualTo(250);
                assertThat(client.command("RSET").code()).isEqualTo(250);
            }

            assertThat(hop.messages()).singleElement().satisfies(received -> {
                assertThat(received.sender()).isEmpty();
                assertThat(received.recipients()).containsExactly("one@dest.test");
                assertThat(received.data()).isEqualTo("Subject: raw\r\n\r\n.one dot\r\n..two dots\r\nlast\r\n");
            });
        }
    }

    @Test
    void startTlsShouldStartTheSessionOver() throws Exception {
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().startTls(identityA).auth(USER, PASSWORD))) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", hop.port())) {
                assertThat(client.ehlo("client.test").asString())
                    .isEqualTo("250 nexthop.test / PIPELINING / 8BITMIME / SIZE / STARTTLS / AUTH PLAIN LOGIN");
                assertThat(client.command("STARTTLS now").code()).isEqualTo(501);
                assertThat(client.mailFrom("<sender@client.test>").code()).isEqualTo(250);

                assertThat(client.startTls("client.test").asString())
                    .isEqualTo("250 nexthop.test / PIPELINING / 8BITMIME / SIZE / AUTH PLAIN LOGIN");

                assertThat(client.rcptTo("<one@dest.test>").code()).isEqualTo(503);
                assertThat(client.command("STARTTLS").code()).isEqualTo(503);
                assertThat(client.authPlain(USER, PASSWORD).code()).isEqualTo(235);
                client.mailFrom("<sender@client.test>");
                client.rcptTo("<one@dest.test>");
                assertThat(client.data("Subject: secure\r\n\r\nbody").code()).isEqualTo(250);
            }

            assertThat(hop.messages()).singleElement().satisfies(received -> {
                assertThat(received.tls()).isTrue();
                assertThat(received.authenticatedUser()).contains(USER);
            });
        }
    }

    @Test
    void hopClosedShouldRefuseConnectionsAndStartAgainOnTheSamePort() throws Exception {
        RecordingNextHop first = RecordingNextHop.start(Options.defaults());
        int port = first.port();
        first.close();

        assertThatThrownBy(() -> send(properties(first), Messages.uniqueSubject("down"), "one@dest.test"))
            .isInstanceOf(MessagingException.class);

        try (RecordingNextHop second = RecordingNextHop.startOn(port, Options.defaults())) {
            String subject = Messages.uniqueSubject("back");
            send(properties(second), subject, "one@dest.test");

            assertThat(second.hop()).isEqualTo("[127.0.0.1]:" + port);
            assertThat(second.await(received -> received.data().contains(subject), Duration.ofSeconds(2))).isPresent();
            assertThat(second.await(received -> received.data().contains("never sent"), Duration.ofMillis(200))).isEmpty();
            assertThat(second.connections()).isEqualTo(1);
            assertThat(first.messages()).isEmpty();
        }
    }

    private static Properties properties(RecordingNextHop hop) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(hop.port()));
        properties.put("mail.smtp.localhost", "client.test");
        properties.put("mail.smtp.from", SENDER);
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        return properties;
    }

    /**
     * STARTTLS required, the hop's certificate checked against this identity only and its name against "localhost".
     * Not against 127.0.0.1: javax.mail 1.6 matches an IP address only through the JDK's internal HostnameChecker,
     * which Java 17 does not export, and otherwise compares DNS names only.
     */
    private static Properties trustingOnly(TestCertificates identity, RecordingNextHop hop) throws Exception {
        Properties properties = properties(hop);
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.socketFactory", socketFactoryTrusting(identity));
        return properties;
    }

    private static SSLSocketFactory socketFactoryTrusting(TestCertificates identity) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(identity.trustStore())) {
            trustStore.load(in, identity.password());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static void send(Properties properties, String subject, String... recipients) throws MessagingException {
        sendAs(properties, null, null, subject, recipients);
    }

    private static void sendAs(Properties properties, String user, String password, String subject, String... recipients)
        throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(SENDER);
        message.setRecipients(Message.RecipientType.TO, String.join(",", recipients));
        message.setSubject(subject);
        message.setText("Hello from the test.\r\n.leading dot line\r\n");
        Transport.send(message, message.getAllRecipients(), user, password);
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
