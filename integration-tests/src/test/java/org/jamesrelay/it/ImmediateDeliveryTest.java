package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail whose route delivered its last attempt leaves from the spool, without being stored in the relay queue; mail
 * whose attempt from the spool fails is deferred through the relay queue as any other. Each test has a route and a
 * next hop of its own on one real James Relay; retries are every second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImmediateDeliveryTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String RELAY_QUEUE_STORES = "enqueuedMail:relay_outgoing_total";
    private static final String IMMEDIATE_ATTEMPTS = "james_relay_delivery_attempt_immediate_total";

    @TempDir
    static Path temp;

    private NextHop defaultHop;
    private RecordingNextHop steadyHop;
    private int returningHopPort;
    private RelayServer server;

    @BeforeAll
    void start() throws Exception {
        defaultHop = NextHop.start();
        steadyHop = RecordingNextHop.start(Options.defaults());
        returningHopPort = FreePorts.next();
        Path policy = RelayServer.samplePolicyWith(temp, String.join("\n",
            "route steady.test " + steadyHop.hop(),
            "route returning.test [127.0.0.1]:" + returningHopPort));
        RelayServer.forget("immediate-delivery");
        server = RelayServer.start("immediate-delivery", defaultHop, Optional.of(policy),
            List.of("--retry-schedule", "60 * 1 second"), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        defaultHop.close();
        steadyHop.close();
    }

    @Test
    void mailForARouteThatDeliveredLeavesFromTheSpoolWithoutBeingStoredInTheRelayQueue() throws Exception {
        String first = Messages.uniqueSubject("first on its route");
        sendAndAwaitDelivery("a@steady.test", first, "route_steady_test");
        MetricsText before = MetricsText.of(server);

        String next = Messages.uniqueSubject("next on its route");
        send("a@steady.test", next);

        assertThat(steadyHop.await(bySubject(next), ARRIVAL)).isPresent();
        MetricsText after = MetricsText.of(server);
        assertThat(after.increaseSince(before, IMMEDIATE_ATTEMPTS)).isEqualTo(1);
        assertThat(after.increaseSince(before, RELAY_QUEUE_STORES)).isZero();
        assertThat(steadyHop.messages().stream().filter(bySubject(first).or(bySubject(next)))).hasSize(2);
    }

    @Test
    void mailWhoseAttemptFromTheSpoolFailsIsDeferredThroughTheRelayQueueAndDeliveredOnce() throws Exception {
        String delivered = Messages.uniqueSubject("before the hop went away");
        try (RecordingNextHop hop = RecordingNextHop.startOn(returningHopPort, Options.defaults())) {
            sendAndAwaitDelivery("b@returning.test", delivered, "route_returning_test");
        }
        MetricsText before = MetricsText.of(server);

        String deferred = Messages.uniqueSubject("while the hop is away");
        send("b@returning.test", deferred);

        await().atMost(ONE_MINUTE).until(() -> MetricsText.quietlyOf(server).increaseSince(before, RELAY_QUEUE_STORES) >= 1);
        assertThat(MetricsText.of(server).increaseSince(before, IMMEDIATE_ATTEMPTS)).isEqualTo(1);
        assertThat(server.log().lines().filter(line -> line.contains("Deferred") && line.contains("[b@returning.test]"))).isNotEmpty();
        try (RecordingNextHop back = RecordingNextHop.startOn(returningHopPort, Options.defaults())) {
            back.await(bySubject(deferred), ARRIVAL).orElseThrow();
            await().atMost(ONE_MINUTE).until(server::queuesEmpty);
            assertThat(back.messages().stream().filter(bySubject(deferred))).hasSize(1);
        }
    }

    private void send(String recipient, String subject) throws IOException {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            assertThat(client.mailFrom("<app@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + recipient + ">").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("app@local.test", recipient, subject)).code()).isEqualTo(250);
        }
    }

    /** Sends, then waits until the relay has counted the delivery through the route: the hop's 250 read, not only the mail sent. */
    private void sendAndAwaitDelivery(String recipient, String subject, String route) throws Exception {
        MetricsText before = MetricsText.of(server);
        send(recipient, subject);
        await().atMost(ONE_MINUTE).until(() -> MetricsText.quietlyOf(server).increaseSince(before, "james_relay_delivery_delivered_" + route + "_total") == 1);
    }

    private static Predicate<Received> bySubject(String subject) {
        return message -> message.data().contains("Subject: " + subject);
    }
}
