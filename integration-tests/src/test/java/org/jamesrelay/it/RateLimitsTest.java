package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * Rate limits on one node, on a relay of its own with the sample policy and some limits: issue 11's 300 connections
 * from one address, connections at once, and a login's hourly message quota, changed at run time through WebAdmin.
 * Each test uses its own loopback address.
 */
class RateLimitsTest {
    private static final String LIMITS = String.join("\n",
        "rate-limit client-connections scope=client counts=connections max=30/1h",
        "rate-limit few-sessions scope=client counts=sessions max=5",
        "rate-limit login-hourly scope=login counts=messages max=3/1h",
        "rate-limit domain-recipients scope=relay-domain counts=recipients max=4/1h");

    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start(@TempDir Path temp) throws Exception {
        nextHop = NextHop.start();
        Path policy = RelayServer.samplePolicyWith(temp, LIMITS);
        server = RelayServer.start("rate-limits", nextHop, Optional.of(policy));
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    /** Issue 11: 300 connections in 1.9 s from one address, no limit. */
    @Test
    void aConnectionFloodShouldBeGreetedOnlyUpToTheConnectionRate() throws Exception {
        List<ServerReply> greetings = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.3", server.smtpPort())) {
                greetings.add(client.greeting());
            }
        }

        assertThat(greetings.subList(0, 30)).allSatisfy(greeting -> assertThat(greeting.code()).isEqualTo(220));
        assertThat(greetings.subList(30, 300)).allSatisfy(greeting ->
            assertThat(greeting.asString()).matches("421 4\\.7\\.0 Error: rate limit \"client-connections\" exceeded, try again in \\d+ s"));
    }

    @Test
    void connectionsAtOnceShouldBeLimitedAndFreedWhenOneCloses() throws Exception {
        List<SmtpClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SmtpClient.connect("127.0.0.4", server.smtpPort()));
                assertThat(open.get(i).greeting().code()).isEqualTo(220);
            }
            try (SmtpClient sixth = SmtpClient.connect("127.0.0.4", server.smtpPort())) {
                assertThat(sixth.greeting().asString()).isEqualTo("421 4.7.0 Error: rate limit \"few-sessions\" exceeded, try again in 60 s");
            }

            open.remove(0).command("QUIT");

            await().atMost(ONE_MINUTE).until(() -> greetingCode("127.0.0.4") == 220);
        } finally {
            for (SmtpClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void aLoginPastItsHourlyQuotaShouldBeRefusedAtMailUntilWebAdminRaisesIt() throws Exception {
        try (SmtpClient client = loggedIn("127.0.0.5", "bob@local.test", "bob-secret")) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.mailFrom("<bob@local.test>").code()).isEqualTo(250);
                assertThat(client.command("RSET").code()).isEqualTo(250);
            }

            assertThat(client.mailFrom("<bob@local.test>").asString())
                .matches("450 4\\.7\\.1 Error: rate limit \"login-hourly\" exceeded, try again in \\d+ s");
        }
        try (SmtpClient client = loggedIn("127.0.0.6", "bob@local.test", "bob-secret")) {
            assertThat(client.mailFrom("<bob@local.test>").code()).as("the quota is the login's, from any address").isEqualTo(450);
        }

        replacePolicyThroughWebAdmin("max=3/1h", "max=10/1h");

        try (SmtpClient client = loggedIn("127.0.0.6", "bob@local.test", "bob-secret")) {
            assertThat(client.mailFrom("<bob@local.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void recipientsOfARelayDomainShouldBeRefusedPastItsLimitWith452() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.7", server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            for (int i = 0; i < 4; i++) {
                assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            }

            assertThat(client.rcptTo("<info@relay.test>").asString())
                .matches("452 4\\.7\\.1 Error: rate limit \"domain-recipients\" exceeded, try again in \\d+ s");
        }
    }

    private static int greetingCode(String address) {
        try (SmtpClient client = SmtpClient.connect(address, server.smtpPort())) {
            return client.greeting().code();
        } catch (IOException e) {
            return 0;
        }
    }

    private static SmtpClient loggedIn(String address, String login, String password) throws Exception {
        SmtpClient client = SmtpClient.connect(address, server.submissionPort());
        client.ehlo("laptop.example");
        assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
        assertThat(client.authPlain(login, password).code()).isEqualTo(235);
        return client;
    }

    private static void replacePolicyThroughWebAdmin(String from, String to) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI policy = URI.create("http://127.0.0.1:" + server.webAdminPort() + "/relay/policy");
        String text = http.send(HttpRequest.newBuilder(policy).header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(policy)
            .header("Content-Type", "text/plain; charset=UTF-8")
            .PUT(HttpRequest.BodyPublishers.ofString(text.replace(from, to)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
    }
}
