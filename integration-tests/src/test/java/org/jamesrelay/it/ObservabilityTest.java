package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator watches, on a real server: James Relay's metrics in WebAdmin's {@code /metrics} after known
 * traffic, and its health checks in {@code /healthcheck}, each turned degraded (or unhealthy) and healthy again.
 */
class ObservabilityTest {
    private static final String MAX_QUEUE_AGE = "PT2S";

    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start() throws Exception {
        nextHop = NextHop.start();
        server = RelayServer.start("observability", nextHop.address(), Optional.empty(), List.of("--retry-schedule", "1 * 1 hour"),
            Map.of("JAVA_OPTS", "-Djames.relay.health.queue.max.age=" + MAX_QUEUE_AGE));
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    @Test
    void metricsShouldCountDecisionsRepliesDeliveriesAndFilterPasses() throws Exception {
        MetricsText before = MetricsText.of(server);
        String subject = Messages.uniqueSubject("metrics");

        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<app@local.test>");
            assertThat(client.rcptTo("<x@elsewhere.example>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("app@local.test", "x@elsewhere.example", subject)).code()).isEqualTo(250);
        }
        for (int refused = 0; refused < 2; refused++) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
                client.ehlo("outside.example");
                client.mailFrom("<x@outside.example>");
                assertThat(client.rcptTo("<y@elsewhere.example>").code()).isEqualTo(550);
            }
        }
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
        await().atMost(ONE_MINUTE).until(() -> MetricsText.quietlyOf(server).increaseSince(before, "james_relay_delivery_delivered_total") == 1);

        MetricsText after = MetricsText.of(server);
        assertThat(after.increaseSince(before, "james_relay_decision_rcpt_relay_trusted_network_total")).isEqualTo(1);
        assertThat(after.increaseSince(before, "james_relay_decision_rcpt_deny_relay_denied_total")).isEqualTo(2);
        assertThat(after.increaseSince(before, "james_relay_smtp_reply_550_total")).isEqualTo(2);
        assertThat(after.increaseSince(before, "james_relay_delivery_delivered_route_default_total")).isEqualTo(1);
        assertThat(after.increaseSince(before, "james_relay_filter_pass_total")).isEqualTo(1);
        assertThat(after.value("james_relay_delivery_duration_count")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("james_relay_policy_loads")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("james_relay_policy_read_age_seconds")).isBetween(0.0, 5.0);
    }

    @Test
    void policyHealthShouldBeDegradedWhileARelayDomainIsAlsoALocalDomain() throws Exception {
        assertThat(health("James Relay policy")).isEqualTo("healthy");

        assertThat(server.webAdmin("PUT", "/domains/backup.test", "")).isEqualTo(204);
        try {
            await().atMost(ONE_MINUTE).until(() -> healthQuietly("James Relay policy").equals(
                "degraded: relay domains that are also local domains of James, forwarded instead of delivered to their mailboxes: backup.test"));
        } finally {
            assertThat(server.webAdmin("DELETE", "/domains/backup.test", "")).isEqualTo(204);
        }
        await().atMost(ONE_MINUTE).until(() -> healthQuietly("James Relay policy").equals("healthy"));
    }

    @Test
    void antivirusHealthAndMetricsShouldFollowClamd() throws Exception {
        int nobodyListens = FreePorts.next();
        assertThat(server.webAdmin("PUT", "/relay/antivirus", "{\"clamd\":\"[127.0.0.1]:" + nobodyListens + "\",\"onFailure\":\"accept\"}"))
            .isEqualTo(204);
        try {
            assertThat(health("James Relay antivirus")).isEqualTo("degraded: clamd at [127.0.0.1]:" + nobodyListens
                + " does not answer PING: mail is relayed unscanned (on-failure=accept)");
            MetricsText before = MetricsText.of(server);
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
                client.ehlo("client.example");
                client.mailFrom("<app@local.test>");
                client.rcptTo("<x@elsewhere.example>");
                assertThat(client.data(Messages.message("app@local.test", "x@elsewhere.example", Messages.uniqueSubject("unscanned"))).code())
                    .isEqualTo(250);
            }
            assertThat(MetricsText.of(server).increaseSince(before, "james_relay_antivirus_failed_total")).isEqualTo(1);
            assertThat(server.webAdmin("PUT", "/relay/antivirus", "{\"clamd\":\"[127.0.0.1]:" + nobodyListens + "\",\"onFailure\":\"tempfail\"}"))
                .isEqualTo(204);
            assertThat(health("James Relay antivirus")).startsWith("unhealthy: clamd at [127.0.0.1]:" + nobodyListens);
        } finally {
            assertThat(server.webAdmin("DELETE", "/relay/antivirus", "")).isEqualTo(204);
        }
        assertThat(health("James Relay antivirus")).isEqualTo("healthy");
    }

    @Test
    void queuedMailHealthShouldBeDegradedWhileMailWaitsLongerThanTheBound() throws Exception {
        int nobodyListens = FreePorts.next();
        assertThat(server.webAdmin("PUT", "/relay/routes/waiting.test", "{\"hops\":[\"[127.0.0.1]:" + nobodyListens + "\"]}")).isEqualTo(204);
        String subject = Messages.uniqueSubject("waiting");
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<app@local.test>");
            client.rcptTo("<x@waiting.test>");
            assertThat(client.data(Messages.message("app@local.test", "x@waiting.test", subject)).code()).isEqualTo(250);
        }

        await().atMost(ONE_MINUTE).until(() -> healthQuietly("James Relay queued mail").startsWith("degraded: mail waits longer than 2 s: relay-outgoing (oldest "));

        assertThat(server.webAdmin("PUT", "/relay/routes/waiting.test", "{\"hops\":[\"" + nextHop.address() + "\"]}")).isEqualTo(204);
        assertThat(server.webAdmin("PATCH", "/mailQueues/relay-outgoing/mails?delayed=true", "{\"delayed\":false}")).isEqualTo(204);
        assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
        await().atMost(ONE_MINUTE).until(() -> healthQuietly("James Relay queued mail").equals("healthy"));
    }

    /** {@code healthy}, or the status and the cause: {@code degraded: CAUSE}. */
    private static String health(String component) throws Exception {
        String body = server.webAdminAnswer("GET", "/healthcheck/checks/" + component.replace(" ", "%20"), "").body();
        Matcher status = Pattern.compile("\"status\":\"(\\w+)\"").matcher(body);
        Matcher cause = Pattern.compile("\"cause\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        assertThat(status.find()).as(body).isTrue();
        return status.group(1) + (cause.find() ? ": " + cause.group(1) : "");
    }

    private static String healthQuietly(String component) {
        try {
            return health(component);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }
}
