package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.Received;
import org.jamesrelay.it.RecordingNextHop.SessionEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP sessions to next hops kept open and reused between mails, on a real James Relay: far fewer sessions than mails,
 * TLS and AUTH once per session (a session is closed after 2 s idle: mails sent one after the other share one), and hops that end sessions their own way (closing after a few mails, answering 421,
 * dropping a reused session in the middle of a transaction) still get every mail exactly once, without a deferral.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionReuseTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String UPSTREAM_PASSWORD = "upstream-" + UUID.randomUUID();
    private static final int MESSAGES_PER_SESSION = 3;

    @TempDir
    static Path temp;

    private NextHop defaultHop;
    private RecordingNextHop busyHop;
    private RecordingNextHop closingHop;
    private RecordingNextHop refusingHop;
    private RecordingNextHop droppingHop;
    private RecordingNextHop loginHop;
    private RelayServer server;

    @BeforeAll
    void start() throws Exception {
        TestCertificates certificates = TestCertificates.create(temp, "hop");
        defaultHop = NextHop.start();
        busyHop = RecordingNextHop.start(Options.defaults());
        closingHop = RecordingNextHop.start(Options.defaults().messagesPerSession(MESSAGES_PER_SESSION, SessionEnd.CLOSE));
        refusingHop = RecordingNextHop.start(Options.defaults().messagesPerSession(MESSAGES_PER_SESSION, SessionEnd.REFUSE_MAIL));
        droppingHop = RecordingNextHop.start(Options.defaults().messagesPerSession(1, SessionEnd.DROP_AT_DATA));
        loginHop = RecordingNextHop.start(Options.defaults().startTls(certificates).auth("relay-upstream", UPSTREAM_PASSWORD));
        Path policy = temp.resolve("relay-policy.conf");
        Files.writeString(policy, String.join("\n",
            "trusted-network 127.0.0.1/32",
            "route busy.test " + busyHop.hop(),
            "route closing.test " + closingHop.hop(),
            "route refusing.test " + refusingHop.hop(),
            "route dropping.test " + droppingHop.hop(),
            "route login.test " + loginHop.hop() + " tls=encrypt credentials=upstream",
            ""));
        server = RelayServer.start("connection-reuse", defaultHop, Optional.of(policy),
            List.of("--retry-schedule", "60 * 1 second"), Map.of());
        Files.writeString(server.workdir().resolve("conf/relay-credentials.properties"),
            "upstream.username=relay-upstream\nupstream.password=" + UPSTREAM_PASSWORD + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        for (AutoCloseable hop : List.of(defaultHop, busyHop, closingHop, refusingHop, droppingHop, loginHop)) {
            hop.close();
        }
    }

    @Test
    void aBurstOfMailsToOneHopSharesFarFewerSessionsThanMails() throws Exception {
        List<String> subjects = sendEach(200, "someone@busy.test", Optional.empty());

        assertArrivedExactlyOnce(busyHop, subjects);
        // as many sessions as deliveries ran at once (at most deliveriesPerTransport, 16), each reused
        assertThat(busyHop.connections()).isBetween(1, subjects.size() / 10);
    }

    @Test
    void aHopClosingSessionsAfterAFewMailsGetsEveryMailOnceWithoutDeferral() throws Exception {
        List<String> subjects = sendEach(10, "someone@closing.test", Optional.of(closingHop));

        assertArrivedExactlyOnce(closingHop, subjects);
        assertThat(closingHop.connections()).isGreaterThanOrEqualTo(subjects.size() / MESSAGES_PER_SESSION);
        assertThat(deferralsTo("someone@closing.test")).isZero();
    }

    @Test
    void aHopAnswering421ToMailOnAReusedSessionGetsEveryMailOnceWithoutDeferral() throws Exception {
        List<String> subjects = sendEach(10, "someone@refusing.test", Optional.of(refusingHop));

        assertArrivedExactlyOnce(refusingHop, subjects);
        assertThat(refusingHop.connections()).isGreaterThanOrEqualTo(subjects.size() / MESSAGES_PER_SESSION);
        assertThat(deferralsTo("someone@refusing.test")).isZero();
        assertThat(server.log()).contains("Reused session to", "too many messages in this session");
    }

    @Test
    void aHopDroppingAReusedSessionAtDataGetsEveryMailOnceWithoutDeferral() throws Exception {
        List<String> subjects = sendEach(5, "someone@dropping.test", Optional.of(droppingHop));

        assertArrivedExactlyOnce(droppingHop, subjects);
        assertThat(droppingHop.connections()).isGreaterThanOrEqualTo(subjects.size());
        assertThat(deferralsTo("someone@dropping.test")).isZero();
    }

    @Test
    void tlsAndLoginAreDoneOncePerSessionAndEveryMailTravelsUnderBoth() throws Exception {
        List<String> subjects = sendEach(10, "someone@login.test", Optional.of(loginHop));

        List<Received> received = assertArrivedExactlyOnce(loginHop, subjects);
        assertThat(received).allSatisfy(message -> {
            assertThat(message.tls()).isTrue();
            assertThat(message.authenticatedUser()).contains("relay-upstream");
        });
        assertThat(loginHop.authAttempts()).hasSize(loginHop.connections()).hasSizeLessThanOrEqualTo(2);
    }

    /**
     * Sends this many mails to the recipient over one client session, and returns their subjects. With a hop, each
     * mail is sent once the previous one reached it: the relay delivers them one at a time, a session can carry
     * them all.
     */
    private List<String> sendEach(int count, String recipient, Optional<RecordingNextHop> awaitedAt) throws IOException {
        List<String> subjects = new ArrayList<>();
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            for (int i = 0; i < count; i++) {
                String subject = Messages.uniqueSubject("reuse " + i);
                assertThat(client.mailFrom("<app@local.test>").code()).isEqualTo(250);
                assertThat(client.rcptTo("<" + recipient + ">").code()).isEqualTo(250);
                assertThat(client.data(Messages.message("app@local.test", recipient, subject)).code()).isEqualTo(250);
                subjects.add(subject);
                awaitedAt.ifPresent(hop -> await().atMost(ARRIVAL).until(() -> !withSubject(hop, subject).isEmpty()));
            }
        }
        return subjects;
    }

    /** Waits until every subject arrived and the relay holds no more mail, then checks each arrived once. */
    private List<Received> assertArrivedExactlyOnce(RecordingNextHop hop, List<String> subjects) {
        await().atMost(ARRIVAL).until(() -> subjects.stream().allMatch(subject -> !withSubject(hop, subject).isEmpty()));
        await().atMost(ARRIVAL).until(server::queuesEmpty);
        List<Received> received = new ArrayList<>();
        for (String subject : subjects) {
            assertThat(withSubject(hop, subject)).as(subject).hasSize(1);
            received.addAll(withSubject(hop, subject));
        }
        return received;
    }

    private static List<Received> withSubject(RecordingNextHop hop, String subject) {
        return hop.messages().stream()
            .filter(message -> message.data().contains("Subject: " + subject))
            .collect(Collectors.toList());
    }

    private long deferralsTo(String recipient) throws IOException {
        return server.log().lines().filter(line -> line.contains("Deferred") && line.contains(recipient)).count();
    }
}
