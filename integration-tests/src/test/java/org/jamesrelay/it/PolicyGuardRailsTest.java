package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy edits that a slip of the keyboard makes, on a real server: refused with a 400 or 409 that says why, or,
 * for a file edited by hand, not applied; the policy in force stays.
 */
class PolicyGuardRailsTest {
    private static NextHop nextHop;
    private static RelayServer server;

    @BeforeAll
    static void start() throws Exception {
        nextHop = NextHop.start();
        server = RelayServer.start("guard-rails", nextHop, Optional.empty());
    }

    @AfterAll
    static void stop() {
        server.close();
        nextHop.close();
    }

    @Test
    void trustingEveryAddressShouldBeRefusedUnlessAskedForAndThenWarnedAbout() throws Exception {
        HttpResponse<String> refused = server.webAdminAnswer("PUT", "/relay/networks/0.0.0.0%2F0", "");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("0.0.0.0/0 is wider than /8: every client in it could relay; send {\\\"wide\\\": true} to trust it anyway");
        assertThat(relayFromOutsider()).startsWith("550 5.7.1 ");

        assertThat(server.webAdmin("PUT", "/relay/networks/0.0.0.0%2F1", "{\"wide\":true}")).isEqualTo(204);
        try {
            assertThat(relayFromOutsider()).startsWith("250 ");
            assertThat(server.log())
                .contains("WARN  o.j.j.RelayPolicyService - James Relay trusts the WIDE network 0.0.0.0/1")
                .containsPattern("WARN  o\\.j\\.decisions - RCPT client=127\\.0\\.0\\.2 .*RELAY \\[trusted-network:0\\.0\\.0\\.0/1\\].* "
                    + "WARNING: wide trusted network 0\\.0\\.0\\.0/1");
        } finally {
            assertThat(server.webAdmin("DELETE", "/relay/networks/0.0.0.0%2F1", "")).isEqualTo(204);
        }
    }

    @Test
    void relayDomainThatIsALocalDomainShouldBeAConflict() throws Exception {
        HttpResponse<String> refused = server.webAdminAnswer("PUT", "/relay/domains/local.test", "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("relay domain local.test is a local domain of James");
        assertThat(server.webAdmin("GET", "/relay/domains/local.test", "")).isEqualTo(404);
    }

    @Test
    void routeBackToThisServerShouldBeAConflict() throws Exception {
        for (int ownPort : new int[] {server.smtpPort(), server.submissionPort()}) {
            HttpResponse<String> refused = server.webAdminAnswer("PUT", "/relay/routes/loop.test",
                "{\"hops\":[\"[127.0.0.1]:" + ownPort + "\"]}");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("route loop.test: next hop [127.0.0.1]:" + ownPort + " is an SMTP listener of this server");
        }
        assertThat(server.webAdmin("GET", "/relay/routes/loop.test", "")).isEqualTo(404);
    }

    @Test
    void policyFileEmptiedByHandShouldNotBeApplied() throws Exception {
        Path policy = server.workdir().resolve("conf/relay-policy.conf");
        String inForce = Files.readString(policy);
        try {
            Files.writeString(policy, "");
            await().atMost(ONE_MINUTE).until(() -> logContains("relay-policy.conf has no entry (an empty policy would refuse every relay domain's mail); "
                + "not applied, the policy in force stays"));

            try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
                client.ehlo("outside.example");
                client.mailFrom("<x@outside.example>");
                assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            }
        } finally {
            Files.writeString(policy, inForce);
        }
    }

    private static String relayFromOutsider() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
            client.ehlo("outside.example");
            client.mailFrom("<x@outside.example>");
            return client.rcptTo("<y@elsewhere.example>").asString();
        }
    }

    private static boolean logContains(String text) {
        try {
            return server.log().contains(text);
        } catch (Exception e) {
            return false;
        }
    }
}
