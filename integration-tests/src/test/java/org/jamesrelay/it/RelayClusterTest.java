package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.dkim.PythonDkimVerifier;
import org.jamesrelay.store.cassandra.CassandraNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real James Relay nodes sharing their policy through one real Cassandra node: a change made through either
 * node is enforced by the other within a few refresh intervals, without a database round trip per SMTP command;
 * when Cassandra dies, the nodes keep the last policy they read, and a node that never read one answers with
 * temporary failures, never relays. A DKIM key made through one node signs the mail the other relays. A login's
 * quota used up through one node is enforced by the other, which learns the counts within a sync interval (the
 * refresh interval); so is a password guesser's lockout, also by a node restarted since.
 */
class RelayClusterTest {
    private static final Duration REFRESH = Duration.ofMillis(500);
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(10);
    private static final Duration RECONNECTION_BOUND = Duration.ofSeconds(60);
    private static final String UNTRUSTED = "127.0.0.2";

    @TempDir
    static Path folder;

    private static CassandraNode cassandra;
    private static NextHop nextHop;
    private static Path storeProperties;
    private static final List<RelayServer> nodes = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cassandra = CassandraNode.start();
        nextHop = NextHop.start();
        storeProperties = folder.resolve("relay-store.properties");
        Files.writeString(storeProperties, "store=cassandra\n"
            + "cassandra.contact.points=" + cassandra.contactPoint() + "\n"
            + "cassandra.keyspace=relay_cluster_test\n"
            + "cassandra.request.timeout=2s\n"
            + "refresh.interval=" + REFRESH.toMillis() + "ms\n");
        nodes.add(startNode("cluster-1"));
        nodes.add(startNode("cluster-2"));
    }

    private static RelayServer startNode(String name) throws Exception {
        return RelayServer.start(name, nextHop, Optional.empty(), List.of("--store-properties", storeProperties.toString()),
            Map.of("JAVA_OPTS", "-Ddatastax-java-driver.advanced.reconnection-policy.max-delay=1s"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        nodes.forEach(RelayServer::close);
        if (nextHop != null) {
            nextHop.close();
        }
        if (cassandra != null) {
            cassandra.stop();
        }
    }

    @BeforeEach
    void cassandraRuns() throws IOException {
        cassandra.ensureRunning();
    }

    private static int rcptCode(RelayServer node, String recipient) throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, node.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            return client.rcptTo("<" + recipient + ">").code();
        }
    }

    private static Duration awaitRcptCode(RelayServer node, String recipient, int expected, Duration bound) {
        Instant start = Instant.now();
        await(String.format("%s to get %d for %s", node, expected, recipient))
            .atMost(bound)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> rcptCode(node, recipient) == expected);
        return Duration.between(start, Instant.now());
    }

    /** Adds a relay domain through a node, once that node reaches Cassandra again if a test restarted it. */
    private static void addRelayDomain(RelayServer node, String domain) {
        await(node + " to store relay domain " + domain)
            .atMost(RECONNECTION_BOUND)
            .until(() -> node.webAdminPut("/relay/domains/" + domain, ""), status -> status >= 200 && status < 300);
    }

    @Test
    void changeThroughOneNodeShouldBeEnforcedByTheOther() throws Exception {
        RelayServer first = nodes.get(0);
        RelayServer second = nodes.get(1);
        assertThat(rcptCode(second, "anyone@change.cluster.test")).isEqualTo(550);

        addRelayDomain(first, "change.cluster.test");

        Duration propagation = awaitRcptCode(second, "anyone@change.cluster.test", 250, PROPAGATION_BOUND);
        System.out.println("Relay domain added through node 1 was enforced by node 2 after " + propagation.toMillis() + " ms");
        assertThat(rcptCode(first, "anyone@change.cluster.test")).isEqualTo(250);
    }

    @Test
    void aDkimKeyAddedThroughOneNodeShouldSignTheOthersMail() throws Exception {
        RelayServer first = nodes.get(0);
        RelayServer second = nodes.get(1);
        HttpResponse<String> added = await("node 1 to store a DKIM key")
            .atMost(RECONNECTION_BOUND)
            .until(() -> first.webAdminAnswer("PUT", "/relay/dkim/cluster.test", "{\"selector\": \"s1\"}"), answer -> answer.statusCode() != 500);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        Matcher record = Pattern.compile("\"dnsName\":\"([^\"]+)\".*\"dnsRecord\":\"([^\"]+)\"").matcher(added.body());
        assertThat(record.find()).as(added.body()).isTrue();
        await("node 2 to sign with the new key")
            .atMost(PROPAGATION_BOUND)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> second.webAdminAnswer("GET", "/relay/explain?client=127.0.0.1&sender=app@cluster.test&recipient=friend@outside.example", "")
                .body().contains("\"signed\":true"));
        String subject = Messages.uniqueSubject("signed by node 2");

        try (SmtpClient client = SmtpClient.connect("127.0.0.1", second.smtpPort())) {
            client.ehlo("app.cluster.test");
            assertThat(client.mailFrom("<app@cluster.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<friend@outside.example>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("app@cluster.test", "friend@outside.example", subject)).code()).isEqualTo(250);
        }

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        nextHop.awaitSubject(subject, Duration.ofSeconds(60)).orElseThrow().writeTo(received);
        assertThat(PythonDkimVerifier.verify(received.toByteArray(), Map.of(record.group(1), record.group(2))))
            .containsExactly("pass d=cluster.test s=s1 a=rsa-sha256");
    }

    /** Issue 11: a login that exceeds its hourly quota gets a temporary refusal on every node of a cluster. */
    @Test
    void aLoginPastItsQuotaThroughOneNodeShouldBeRefusedByTheOther() throws Exception {
        RelayServer first = nodes.get(0);
        RelayServer second = nodes.get(1);
        await(first + " to store a rate limit")
            .atMost(RECONNECTION_BOUND)
            .until(() -> appendToPolicyThroughWebAdmin(first, "rate-limit login-hourly scope=login counts=messages max=3/1h"),
                status -> status >= 200 && status < 300);
        await("node 2 to know the rate limit").atMost(PROPAGATION_BOUND).until(() -> explainedCount(second).isPresent());

        try (SmtpClient client = loggedIn(first)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.mailFrom("<bob@local.test>").code()).isEqualTo(250);
                client.command("RSET");
            }
            assertThat(client.mailFrom("<bob@local.test>").code()).isEqualTo(450);
        }
        Instant start = Instant.now();
        await("node 2 to know node 1's counts").atMost(PROPAGATION_BOUND).until(() -> explainedCount(second).orElse(0L) >= 3);
        System.out.println("Node 2 knew node 1's counts after " + Duration.between(start, Instant.now()).toMillis() + " ms");

        try (SmtpClient client = loggedIn(second)) {
            assertThat(client.mailFrom("<bob@local.test>").asString())
                .matches("450 4\\.7\\.1 Error: rate limit \"login-hourly\" exceeded, try again in \\d+ s");
        }
    }

    /**
     * Issue 11: nodes that share a policy store enforce one limit together. A password guesser spread over the two
     * nodes is locked out when its failures on both reach the client threshold (10), by both nodes, and by a node
     * restarted since, which reads the failures of the current window back from Cassandra.
     */
    @Test
    void aGuesserSpreadOverTwoNodesShouldBeLockedOutOnBothAndAfterARestart() throws Exception {
        // The default threshold, in a window that does not end during the test (windows start at multiples of their length).
        String clientFailuresInADay = "client-auth-failure-limit 10/1d";
        String guesser = "127.0.31.7";
        RelayServer first = nodes.get(0);
        RelayServer second = nodes.get(1);
        ensurePolicyEntry(first, "auth-failure-delay 10ms");
        ensurePolicyEntry(first, clientFailuresInADay);
        await("node 2 to read the failed-login limits").atMost(PROPAGATION_BOUND)
            .until(() -> second.webAdminAnswer("GET", "/relay/policy", "").body().contains(clientFailuresInADay));

        assertThat(failedLogins(first, guesser, 5)).containsOnly(535);
        Instant failed = Instant.now();
        await("node 2 to know node 1's failed logins").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(50))
            .until(() -> failedLoginsExplained(second, guesser).contains("client 5/10"));
        System.out.println("Node 2 knew node 1's failed logins after " + Duration.between(failed, Instant.now()).toMillis() + " ms");

        assertThat(failedLogins(second, guesser, 5)).containsExactly(535, 535, 535, 535, 421);
        Instant locked = Instant.now();
        await("node 1 to lock the guesser out").atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(50))
            .until(() -> first.webAdminAnswer("GET", "/relay/lockouts", "").body().contains("\"key\":\"" + guesser + "\""));
        System.out.println("Node 1 locked out the guesser node 2 locked out after " + Duration.between(locked, Instant.now()).toMillis() + " ms");
        assertThat(rightPasswordFrom(first, guesser)).startsWith("454 4.7.0 Error: too many failed logins from this address");

        first.close();
        RelayServer restarted = startNode("cluster-1");
        nodes.set(0, restarted);

        await("the restarted node to lock the guesser out").atMost(RECONNECTION_BOUND)
            .until(() -> restarted.webAdminAnswer("GET", "/relay/lockouts", "").body().contains("\"key\":\"" + guesser + "\""));
        assertThat(rightPasswordFrom(restarted, guesser)).startsWith("454 4.7.0 Error: too many failed logins from this address");
        assertThat(rightPasswordFrom(restarted, "127.0.32.7")).startsWith("235");
    }

    /** The replies to {@code count} logins with a wrong password in one session, up to the first that is not a 535. */
    private static List<Integer> failedLogins(RelayServer node, String source, int count) throws Exception {
        List<Integer> codes = new ArrayList<>();
        try (SmtpClient client = SmtpClient.connect(source, node.submissionPort())) {
            client.ehlo("guesser.example");
            assertThat(client.startTls("guesser.example").code()).isEqualTo(250);
            for (int i = 0; i < count; i++) {
                int code = client.authPlain("bob@local.test", "guess-" + i).code();
                codes.add(code);
                if (code != 535) {
                    break;
                }
            }
        }
        return codes;
    }

    private static String rightPasswordFrom(RelayServer node, String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, node.submissionPort())) {
            client.ehlo("laptop.example");
            assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
            return client.authPlain("bob@local.test", "bob-secret").asString();
        }
    }

    private static String failedLoginsExplained(RelayServer node, String client) throws Exception {
        String answer = node.webAdminAnswer("GET", "/relay/explain?client=" + client + "&login=bob@local.test&tls=true&authOffered=true"
            + "&sender=bob@local.test&recipient=x@elsewhere.example", "").body();
        Matcher failedLogins = Pattern.compile("\"failedLogins\":\"([^\"]*)\"").matcher(answer);
        return failedLogins.find() ? failedLogins.group(1) : "";
    }

    /** Adds a policy entry through a node unless the shared policy has it, once the node reaches Cassandra. */
    private static void ensurePolicyEntry(RelayServer node, String entry) {
        await(node + " to store " + entry)
            .atMost(RECONNECTION_BOUND)
            .until(() -> node.webAdminAnswer("GET", "/relay/policy", "").body().contains(entry)
                || appendToPolicyThroughWebAdmin(node, entry) / 100 == 2);
    }

    private static SmtpClient loggedIn(RelayServer node) throws Exception {
        SmtpClient client = SmtpClient.connect(UNTRUSTED, node.submissionPort());
        client.ehlo("laptop.example");
        assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
        assertThat(client.authPlain("bob@local.test", "bob-secret").code()).isEqualTo(235);
        return client;
    }

    /** The count of bob's login-hourly limit as the node knows it, once the node has the limit. */
    private static Optional<Long> explainedCount(RelayServer node) {
        try {
            String answer = node.webAdminAnswer("GET", "/relay/explain?client=" + UNTRUSTED + "&login=bob@local.test&tls=true&authOffered=true"
                + "&sender=bob@local.test&recipient=x@elsewhere.example", "").body();
            Matcher limit = Pattern.compile("\\{[^}]*\"name\":\"login-hourly\"[^}]*}").matcher(answer);
            if (!limit.find()) {
                return Optional.empty();
            }
            Matcher count = Pattern.compile("\"count\":(\\d+)").matcher(limit.group());
            return count.find() ? Optional.of(Long.parseLong(count.group(1))) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static int appendToPolicyThroughWebAdmin(RelayServer node, String entry) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI policy = URI.create("http://127.0.0.1:" + node.webAdminPort() + "/relay/policy");
        String text = http.send(HttpRequest.newBuilder(policy).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return http.send(HttpRequest.newBuilder(policy).header("Content-Type", "text/plain; charset=UTF-8")
            .PUT(HttpRequest.BodyPublishers.ofString(text + "\n" + entry + "\n")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void nodesShouldKeepTheLastPolicyWhileCassandraIsDown() throws Exception {
        addRelayDomain(nodes.get(0), "kept.cluster.test");
        for (RelayServer node : nodes) {
            awaitRcptCode(node, "anyone@kept.cluster.test", 250, PROPAGATION_BOUND);
        }

        cassandra.kill();

        for (RelayServer node : nodes) {
            assertThat(rcptCode(node, "anyone@kept.cluster.test")).isEqualTo(250);
            assertThat(rcptCode(node, "victim@elsewhere.example")).isEqualTo(550);
        }
    }

    @Test
    void nodeThatNeverReadAPolicyShouldFailClosedUntilCassandraIsBack() throws Exception {
        addRelayDomain(nodes.get(0), "late.cluster.test");
        cassandra.kill();

        try (RelayServer late = startNode("cluster-late")) {
            assertThat(late.log()).contains("james-relay: health check James Relay policy: unhealthy: no relay policy could be read");

            try (SmtpClient client = SmtpClient.connect(UNTRUSTED, late.smtpPort())) {
                client.ehlo("client.example");
                assertThat(client.mailFrom("<someone@outside.example>").asString())
                    .isEqualTo("451 4.3.0 Relay policy temporarily unavailable, try again later");
            }

            cassandra.restart();

            awaitRcptCode(late, "anyone@late.cluster.test", 250, RECONNECTION_BOUND);
            assertThat(rcptCode(late, "victim@elsewhere.example")).isEqualTo(550);
        }
    }
}
