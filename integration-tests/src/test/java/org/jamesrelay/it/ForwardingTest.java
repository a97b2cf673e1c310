package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding on a real James Relay: every recipient through its own route, to real SMTP next hops started here
 * (per domain, per sender, failover, a hop that is down for a while, permanent refusals, TLS policies, upstream
 * logins, loops). Retries are every second, so that "later" fits in a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardingTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String UPSTREAM_PASSWORD = "upstream-" + UUID.randomUUID();

    @TempDir
    static Path temp;

    private NextHop defaultHop;
    private RecordingNextHop relayDomainHop;
    private RecordingNextHop corpHop;
    private RecordingNextHop marketingHop;
    private RecordingNextHop senderDomainHop;
    private RecordingNextHop refusingHop;
    private RecordingNextHop plainHop;
    private RecordingNextHop trustedTlsHop;
    private RecordingNextHop untrustedTlsHop;
    private RecordingNextHop loginHop;
    private RecordingNextHop otherLoginHop;
    private RecordingNextHop movedToHop;
    private SilentHop silentHop;
    private int downHopPort;
    private int movedFromPort;
    private int refusedPort;
    private RelayServer server;

    @BeforeAll
    void start() throws Exception {
        TestCertificates trusted = TestCertificates.create(temp, "trusted");
        TestCertificates untrusted = TestCertificates.create(temp, "untrusted");
        defaultHop = NextHop.start();
        relayDomainHop = RecordingNextHop.start(Options.defaults());
        corpHop = RecordingNextHop.start(Options.defaults());
        marketingHop = RecordingNextHop.start(Options.defaults());
        senderDomainHop = RecordingNextHop.start(Options.defaults());
        refusingHop = RecordingNextHop.start(Options.defaults().rejectRecipients(550, "5.1.1 <nobody@refuse.test>: no such user here"));
        plainHop = RecordingNextHop.start(Options.defaults());
        trustedTlsHop = RecordingNextHop.start(Options.defaults().startTls(trusted));
        untrustedTlsHop = RecordingNextHop.start(Options.defaults().startTls(untrusted));
        loginHop = RecordingNextHop.start(Options.defaults().startTls(untrusted).auth("relay-upstream", UPSTREAM_PASSWORD));
        otherLoginHop = RecordingNextHop.start(Options.defaults().startTls(untrusted).auth("someone-else", "other"));
        movedToHop = RecordingNextHop.start(Options.defaults());
        silentHop = SilentHop.start();
        downHopPort = FreePorts.next();
        movedFromPort = FreePorts.next();
        refusedPort = FreePorts.next();

        Path policy = temp.resolve("relay-policy.conf");
        Files.writeString(policy, String.join("\n",
            "trusted-network 127.0.0.1/32",
            "relay-domain relay.test",
            "relay-recipient info@relay.test",
            "route relay.test " + relayDomainHop.hop(),
            "route .corp.test [127.0.0.1]:" + refusedPort + "," + corpHop.hop(),
            "sender-route @marketing.test " + marketingHop.hop(),
            "route sender.test " + senderDomainHop.hop(),
            "route down.test [127.0.0.1]:" + downHopPort,
            "route refuse.test " + refusingHop.hop(),
            "route plain.test " + plainHop.hop() + " tls=encrypt",
            "route may.test " + untrustedTlsHop.hop() + " tls=may",
            "route encrypt.test " + untrustedTlsHop.hop() + " tls=encrypt",
            "route verify-untrusted.test [localhost]:" + untrustedTlsHop.port() + " tls=verify",
            "route verify-trusted.test [localhost]:" + trustedTlsHop.port() + " tls=verify",
            "route login.test " + loginHop.hop() + " tls=encrypt credentials=upstream",
            "route other-login.test " + otherLoginHop.hop() + " tls=encrypt",
            "route missing-login.test " + otherLoginHop.hop() + " tls=encrypt credentials=absent",
            "route moving.test [127.0.0.1]:" + movedFromPort,
            "route silent.test " + silentHop.hop(),
            ""));
        server = RelayServer.start("forwarding", defaultHop, Optional.of(policy),
            List.of("--retry-schedule", "60 * 1 second"),
            Map.of("JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trusted.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + new String(trusted.password())
                + " -Djavax.net.ssl.trustStoreType=PKCS12"));
        Files.writeString(server.workdir().resolve("conf/relay-credentials.properties"),
            "upstream.username=relay-upstream\nupstream.password=" + UPSTREAM_PASSWORD + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        for (AutoCloseable hop : List.of(defaultHop, relayDomainHop, corpHop, marketingHop, senderDomainHop, refusingHop,
            plainHop, trustedTlsHop, untrustedTlsHop, loginHop, otherLoginHop, movedToHop, silentHop)) {
            hop.close();
        }
    }

    @Test
    void aMailToThreeRoutesAndALocalUserIsDeliveredOncePerRecipientThroughItsHop() throws Exception {
        String subject = Messages.uniqueSubject("three routes");
        int inboxBefore = server.messageCount("alice@local.test", "INBOX");

        send("app@local.test", List.of("info@relay.test", "x@hq.corp.test", "y@elsewhere.test", "alice@local.test"),
            "Bcc: <hidden@elsewhere.test>\r\n" + Messages.message("app@local.test", "info@relay.test", subject));

        Received relayed = relayDomainHop.await(bySubject(subject), ARRIVAL).orElseThrow();
        Received failedOver = corpHop.await(bySubject(subject), ARRIVAL).orElseThrow();
        assertThat(defaultHop.awaitSubject(subject, ARRIVAL)).isPresent();
        await().atMost(ONE_MINUTE).until(() -> messageCount("alice@local.test") == inboxBefore + 1);
        assertThat(relayed.recipients()).containsExactly("info@relay.test");
        assertThat(failedOver.recipients()).containsExactly("x@hq.corp.test");
        assertThat(relayed.data()).contains("Received: from").doesNotContainIgnoringCase("hidden@elsewhere.test");

        String sentinel = Messages.uniqueSubject("sentinel after three routes");
        send("app@local.test", List.of("info@relay.test", "x@hq.corp.test", "y@elsewhere.test", "alice@local.test"),
            Messages.message("app@local.test", "info@relay.test", sentinel));
        relayDomainHop.await(bySubject(sentinel), ARRIVAL).orElseThrow();
        corpHop.await(bySubject(sentinel), ARRIVAL).orElseThrow();
        assertThat(defaultHop.awaitSubject(sentinel, ARRIVAL)).isPresent();
        await().atMost(ONE_MINUTE).until(() -> messageCount("alice@local.test") == inboxBefore + 2);
        assertThat(withSubject(relayDomainHop, subject)).hasSize(1);
        assertThat(withSubject(corpHop, subject)).hasSize(1);
        assertThat(defaultHop.withSubject(subject)).hasSize(1);
        assertThat(messageCount("alice@local.test")).isEqualTo(inboxBefore + 2);
    }

    @Test
    void aSenderRouteCarriesItsSendersMailUnlessARecipientRouteMatches() throws Exception {
        String subject = Messages.uniqueSubject("sender route");

        send("news@marketing.test", List.of("z@elsewhere.test", "info@relay.test"),
            Messages.message("news@marketing.test", "z@elsewhere.test", subject));

        assertThat(marketingHop.await(bySubject(subject), ARRIVAL).orElseThrow().recipients()).containsExactly("z@elsewhere.test");
        assertThat(relayDomainHop.await(bySubject(subject), ARRIVAL).orElseThrow().recipients()).containsExactly("info@relay.test");
        assertThat(defaultHop.withSubject(subject)).isEmpty();
    }

    @Test
    void aNextHopThatIsDownDelaysOnlyItsOwnMailAndGetsItOnceWhenBack() throws Exception {
        String subject = Messages.uniqueSubject("hop down");

        send("app@local.test", List.of("u@down.test", "v@elsewhere.test"), Messages.message("app@local.test", "u@down.test", subject));

        assertThat(defaultHop.awaitSubject(subject, ARRIVAL)).isPresent();
        await().atMost(ONE_MINUTE).until(() -> logHasLine("Deferred", "[u@down.test]"));
        try (RecordingNextHop downHop = RecordingNextHop.startOn(downHopPort, Options.defaults())) {
            Received late = downHop.await(bySubject(subject), ARRIVAL).orElseThrow();
            assertThat(late.recipients()).containsExactly("u@down.test");
            String sentinel = Messages.uniqueSubject("sentinel after hop down");
            send("app@local.test", List.of("u@down.test"), Messages.message("app@local.test", "u@down.test", sentinel));
            downHop.await(bySubject(sentinel), ARRIVAL).orElseThrow();
            assertThat(withSubject(downHop, subject)).hasSize(1);
        }
        assertThat(defaultHop.withSubject(subject)).hasSize(1);
    }

    @Test
    void aPermanentRefusalReturnsOneDeliveryStatusNotificationWithTheRemoteReply() throws Exception {
        String subject = Messages.uniqueSubject("refused");

        send("author@sender.test", List.of("nobody@refuse.test"), Messages.message("author@sender.test", "nobody@refuse.test", subject));

        Received dsn = senderDomainHop.await(message -> message.recipients().contains("author@sender.test")
            && message.data().contains(subject), ARRIVAL).orElseThrow();
        assertThat(dsn.sender()).isEmpty();
        assertThat(dsn.data()).contains("multipart/report").contains("550").contains("no such user here");
        String sentinel = Messages.uniqueSubject("sentinel after refused");
        send("author@sender.test", List.of("nobody@refuse.test"), Messages.message("author@sender.test", "nobody@refuse.test", sentinel));
        senderDomainHop.await(message -> message.data().contains(sentinel), ARRIVAL).orElseThrow();
        assertThat(senderDomainHop.messages().stream().filter(message -> message.data().contains(subject))).hasSize(1);
        assertThat(refusingHop.messages()).isEmpty();
    }

    @Test
    void undeliverableMailFromTheNullSenderIsKeptAndNeverBounced() throws Exception {
        String subject = Messages.uniqueSubject("null sender refused");
        int keptBefore = server.mailRepositorySize("var/mail/relay-undeliverable");

        send("", List.of("nobody@refuse.test"), Messages.message("mailer-daemon@local.test", "nobody@refuse.test", subject));

        await().atMost(ONE_MINUTE).until(() -> mailRepositorySize("var/mail/relay-undeliverable") == keptBefore + 1);
        assertThat(senderDomainHop.messages().stream().filter(message -> message.data().contains(subject))).isEmpty();
        assertThat(defaultHop.withSubject(subject)).isEmpty();
    }

    @Test
    void aHopThatNeverAnswersHoldsOnlyItsShareOfTheDeliveryThreads() throws Exception {
        String subject = Messages.uniqueSubject("silent hop");
        for (int i = 0; i < 40; i++) {
            send("app@local.test", List.of("x" + i + "@silent.test"), Messages.message("app@local.test", "x" + i + "@silent.test", subject));
        }
        await().atMost(ONE_MINUTE).until(() -> silentHop.openConnections() >= 16);

        String beside = Messages.uniqueSubject("beside a silent hop");
        send("app@local.test", List.of("y@elsewhere.test"), Messages.message("app@local.test", "y@elsewhere.test", beside));

        assertThat(defaultHop.awaitSubject(beside, Duration.ofSeconds(15))).isPresent();
        assertThat(silentHop.openConnections()).as("deliveriesPerTransport of the 32 delivery threads").isEqualTo(16);
    }

    @Test
    void anEncryptRouteNeverSendsInClearText() throws Exception {
        String subject = Messages.uniqueSubject("encrypt to a hop without TLS");

        send("app@local.test", List.of("x@plain.test"), Messages.message("app@local.test", "x@plain.test", subject));

        await().atMost(ONE_MINUTE).until(() -> plainHop.connections() >= 2);
        assertThat(plainHop.messages()).isEmpty();
    }

    @Test
    void encryptAndMayRoutesUseStartTlsWithAnyCertificate() throws Exception {
        String subject = Messages.uniqueSubject("encrypt");

        send("app@local.test", List.of("x@encrypt.test", "y@may.test"), Messages.message("app@local.test", "x@encrypt.test", subject));

        Received encrypted = untrustedTlsHop.await(bySubject(subject).and(message -> message.recipients().contains("x@encrypt.test")), ARRIVAL).orElseThrow();
        Received opportunistic = untrustedTlsHop.await(bySubject(subject).and(message -> message.recipients().contains("y@may.test")), ARRIVAL).orElseThrow();
        assertThat(encrypted.tls()).isTrue();
        assertThat(opportunistic.tls()).isTrue();
    }

    @Test
    void aVerifyRouteDeliversOnlyToACertificateTheRelayTrusts() throws Exception {
        String subject = Messages.uniqueSubject("verify");

        send("app@local.test", List.of("x@verify-trusted.test", "y@verify-untrusted.test"),
            Messages.message("app@local.test", "x@verify-trusted.test", subject));

        assertThat(trustedTlsHop.await(bySubject(subject), ARRIVAL).orElseThrow().tls()).isTrue();
        await().atMost(ONE_MINUTE).until(() -> logLines("Deferred", "[y@verify-untrusted.test]") >= 2);
        String sentinel = Messages.uniqueSubject("sentinel after verify");
        send("app@local.test", List.of("y@may.test"), Messages.message("app@local.test", "y@may.test", sentinel));
        untrustedTlsHop.await(bySubject(sentinel), ARRIVAL).orElseThrow();
        assertThat(withSubject(untrustedTlsHop, subject)).isEmpty();
    }

    @Test
    void upstreamCredentialsAreSentOnlyToTheirRouteAndNeverLogged() throws Exception {
        String subject = Messages.uniqueSubject("login");

        send("app@local.test", List.of("x@login.test", "y@other-login.test"), Messages.message("app@local.test", "x@login.test", subject));

        Received withLogin = loginHop.await(bySubject(subject), ARRIVAL).orElseThrow();
        Received withoutLogin = otherLoginHop.await(bySubject(subject), ARRIVAL).orElseThrow();
        assertThat(withLogin.authenticatedUser()).contains("relay-upstream");
        assertThat(withLogin.tls()).isTrue();
        assertThat(loginHop.authAttempts()).allSatisfy(attempt -> assertThat(attempt.password()).isEqualTo(UPSTREAM_PASSWORD));
        assertThat(withoutLogin.authenticatedUser()).isEmpty();
        assertThat(otherLoginHop.authAttempts()).isEmpty();
        assertThat(log()).doesNotContain(UPSTREAM_PASSWORD);
    }

    @Test
    void aRouteWhoseLoginIsMissingWaitsInsteadOfSendingWithoutIt() throws Exception {
        String subject = Messages.uniqueSubject("missing login");

        send("app@local.test", List.of("x@missing-login.test"), Messages.message("app@local.test", "x@missing-login.test", subject));

        await().atMost(ONE_MINUTE).until(() -> logLines("no credentials named 'absent'") >= 2);
        String sentinel = Messages.uniqueSubject("sentinel after missing login");
        send("app@local.test", List.of("y@other-login.test"), Messages.message("app@local.test", "y@other-login.test", sentinel));
        otherLoginHop.await(bySubject(sentinel), ARRIVAL).orElseThrow();
        assertThat(withSubject(otherLoginHop, subject)).isEmpty();
    }

    @Test
    void queuedMailFollowsAChangedRouteAtItsNextAttempt() throws Exception {
        String subject = Messages.uniqueSubject("moved route");

        send("app@local.test", List.of("x@moving.test"), Messages.message("app@local.test", "x@moving.test", subject));
        await().atMost(ONE_MINUTE).until(() -> logHasLine("Deferred", "[x@moving.test]"));

        server.replacePolicyLine("route moving.test ", "route moving.test " + movedToHop.hop());

        assertThat(movedToHop.await(bySubject(subject), ARRIVAL).orElseThrow().recipients()).containsExactly("x@moving.test");
    }

    @Test
    void aRoutePointingBackAtThisServerKeepsTheMailInsteadOfLooping() throws Exception {
        String subject = Messages.uniqueSubject("loop");
        int keptBefore = server.mailRepositorySize("var/mail/relay-loops");
        server.appendPolicyLine("route loop.test [127.0.0.1]:" + server.smtpPort());

        send("app@local.test", List.of("x@loop.test"), Messages.message("app@local.test", "x@loop.test", subject));

        await().atMost(ONE_MINUTE).until(() -> mailRepositorySize("var/mail/relay-loops") == keptBefore + 1);
        assertThat(log()).contains("loops back to myself");
        assertThat(defaultHop.withSubject(subject)).isEmpty();
    }

    @Test
    void mailThatHasPassedTooManyHopsIsKeptAsALoop() throws Exception {
        String subject = Messages.uniqueSubject("hop limit");
        int keptBefore = server.mailRepositorySize("var/mail/relay-loops");
        String received = "Received: from a.test by b.test; Sat, 28 Nov 2026 10:00:00 +0000\r\n".repeat(31);

        send("app@local.test", List.of("x@elsewhere.test"), received + Messages.message("app@local.test", "x@elsewhere.test", subject));

        await().atMost(ONE_MINUTE).until(() -> mailRepositorySize("var/mail/relay-loops") == keptBefore + 1);
        assertThat(defaultHop.withSubject(subject)).isEmpty();
    }

    private void send(String sender, List<String> recipients, String message) throws IOException {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            assertThat(client.mailFrom("<" + sender + ">").code()).isEqualTo(250);
            for (String recipient : recipients) {
                assertThat(client.rcptTo("<" + recipient + ">").code()).as(recipient).isEqualTo(250);
            }
            assertThat(client.data(message).code()).isEqualTo(250);
        }
    }

    private static Predicate<Received> bySubject(String subject) {
        return message -> message.data().contains("Subject: " + subject);
    }

    private static List<Received> withSubject(RecordingNextHop hop, String subject) {
        return hop.messages().stream().filter(bySubject(subject)).collect(Collectors.toList());
    }

    private String log() {
        try {
            return server.log();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean logHasLine(String... parts) {
        return logLines(parts) > 0;
    }

    private long logLines(String... parts) {
        return log().lines().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
    }

    private int messageCount(String user) {
        try {
            return server.messageCount(user, "INBOX");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private int mailRepositorySize(String repository) {
        try {
            return server.mailRepositorySize(repository);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
