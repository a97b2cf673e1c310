package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.store.cassandra.CassandraNode;
import org.jamesrelay.store.cassandra.CassandraNodeSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's figures for the Cassandra store, on whole servers: two James Relay nodes started by the run command on one
 * Cassandra node set up as in production ({@link CassandraNodeSetup#PRODUCTION}), the policy of
 * {@code -Dscale.recipients=N} relay recipients imported through the first node's WebAdmin. Prints the time of the
 * import, the second node's start (it reads the whole policy from Cassandra), the RSS and idle CPU of both nodes, the
 * time for a change made through one node to be enforced by the other, an export, and RCPT TO answer times over SMTP.
 * Runs only when {@code -Dscale.recipients=N} is given; {@code -Dscale.idle=S} sets each of the three idle windows
 * (30 s by default).
 */
class ClusterAtScaleRun {
    private static final String RECIPIENTS_PROPERTY = "scale.recipients";
    private static final int DOMAINS = 1_000;
    private static final String JVM_OPTIONS = "-Xmx1500m -XX:G1PeriodicGCInterval=15000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration LONG_REQUEST = Duration.ofMinutes(10);
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);
    private static final String UNTRUSTED = "127.0.0.2";
    private static final int IDLE_WINDOWS = 3;
    private static final int TIMED_RCPTS = 2_000;
    private static final int RCPTS_PER_MAIL = 50;
    private static final long PAGE_SIZE = 4096;
    private static final String[] FIRST_NAMES =
        "anna ben carla david eva felix greta hugo ines jonas karin lukas maria nils olga paul quinn rosa sven tina".split(" ");
    private static final String[] LAST_NAMES =
        "meyer schmidt novak dubois rossi garcia jansen berg lind costa weber klein wolf kowalski moreau silva horvat nagy petrov fischer".split(" ");

    @TempDir
    static Path folder;

    private static CassandraNode cassandra;
    private static NextHop nextHop;
    private static final List<RelayServer> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCassandra() throws IOException {
        Assumptions.assumeTrue(Integer.getInteger(RECIPIENTS_PROPERTY) != null, "-D" + RECIPIENTS_PROPERTY + "=N not given");
        cassandra = CassandraNode.start(CassandraNodeSetup.PRODUCTION);
        nextHop = NextHop.start();
    }

    @AfterAll
    static void stopAll() throws IOException {
        nodes.forEach(RelayServer::close);
        if (nextHop != null) {
            nextHop.close();
        }
        if (cassandra != null) {
            cassandra.stop();
        }
    }

    @Test
    void twoNodesOnOneCassandraNode() throws Exception {
        int recipients = Integer.getInteger(RECIPIENTS_PROPERTY);
        Duration idle = Duration.ofSeconds(Integer.getInteger("scale.idle", 30));
        Path policy = writePolicy(recipients);
        Path storeProperties = folder.resolve("relay-store.properties");
        Files.writeString(storeProperties, "store=cassandra\n"
            + "cassandra.contact.points=" + cassandra.contactPoint() + "\n"
            + "cassandra.keyspace=relay_scale\n"
            + "refresh.interval=" + REFRESH.toMillis() + "ms\n");
        report("policy: %,d relay recipients over %,d domains, %,d bytes; load average %s", recipients, DOMAINS, Files.size(policy), loadAverage());

        long started = System.nanoTime();
        RelayServer first = startNode("scale-1", storeProperties);
        report("first node ready on the empty keyspace (seeded with the sample policy): %.1f s", seconds(started));

        started = System.nanoTime();
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(webAdmin(first, "/relay/policy"))
            .header("Content-Type", "text/plain")
            .PUT(HttpRequest.BodyPublishers.ofFile(policy))
            .timeout(LONG_REQUEST)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(204);
        report("import through the first node (PUT /relay/policy): %.1f s; first node's RSS then %,d MB", seconds(started), rssMegabytes(first));

        started = System.nanoTime();
        RelayServer second = startNode("scale-2", storeProperties);
        report("second node ready (reads the policy from Cassandra): %.1f s; RSS %,d MB; load average %s", seconds(started), rssMegabytes(second), loadAverage());
        String added = "new.recipient@d0.scale.test";
        assertThat(rcptCodes(second, List.of(recipient(0), added))).containsExactly(250, 550);

        for (int window = 1; window <= IDLE_WINDOWS; window++) {
            long[] cpuBefore = {cpuMillis(first), cpuMillis(second), cassandraCpuMillis()};
            Thread.sleep(idle.toMillis());
            long[] cpuAfter = {cpuMillis(first), cpuMillis(second), cassandraCpuMillis()};
            report("idle window %d of %d s: CPU %.2f%% and %.2f%% of a core (nodes), %.2f%% (Cassandra); RSS %,d and %,d MB", window, idle.toSeconds(),
                percent(cpuAfter[0] - cpuBefore[0], idle), percent(cpuAfter[1] - cpuBefore[1], idle), percent(cpuAfter[2] - cpuBefore[2], idle),
                rssMegabytes(first), rssMegabytes(second));
        }

        started = System.nanoTime();
        assertThat(first.webAdmin("PUT", "/relay/domains/d0.scale.test/recipients/" + added, "")).isEqualTo(204);
        double answered = seconds(started);
        awaitRcpt(second, added, 250);
        report("a recipient added through the first node: 204 after %.3f s, accepted by the second node after %.3f s", answered, seconds(started));

        started = System.nanoTime();
        assertThat(second.webAdmin("DELETE", "/relay/domains/d0.scale.test/recipients/" + added, "")).isEqualTo(204);
        answered = seconds(started);
        awaitRcpt(first, added, 550);
        report("that recipient removed through the second node: 204 after %.3f s, refused by the first node after %.3f s", answered, seconds(started));

        started = System.nanoTime();
        HttpResponse<InputStream> export = http.send(HttpRequest.newBuilder(webAdmin(second, "/relay/policy")).timeout(LONG_REQUEST).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
        long exportedBytes;
        try (InputStream body = export.body()) {
            exportedBytes = body.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(export.statusCode()).isEqualTo(200);
        report("export from the second node: %,d bytes in %.1f s; its RSS then %,d MB", exportedBytes, seconds(started), rssMegabytes(second));

        report("RCPT TO of known recipients over SMTP at the second node: %s", rcptTimes(second, recipients));
        report("RSS at the end: %,d and %,d MB; load average %s", rssMegabytes(first), rssMegabytes(second), loadAverage());
    }

    private static RelayServer startNode(String name, Path storeProperties) throws IOException, InterruptedException {
        RelayServer.forget(name);
        RelayServer node = RelayServer.start(name, nextHop, Optional.empty(), List.of("--store-properties", storeProperties.toString()),
            Map.of("JAVA_OPTS", JVM_OPTIONS));
        nodes.add(node);
        return node;
    }

    /** The sample policy, {@link #DOMAINS} relay domains, then recipient i in domain i modulo that, as {@code benchmarks/scale} writes them. */
    private static Path writePolicy(int recipients) throws IOException {
        Path policy = folder.resolve("scale-policy.conf");
        try (BufferedWriter out = Files.newBufferedWriter(policy, StandardCharsets.UTF_8)) {
            out.write(Files.readString(RelayServer.home().resolve("conf/relay-policy.conf")));
            out.write("\n");
            for (int domain = 0; domain < DOMAINS; domain++) {
                out.write("relay-domain d" + domain + ".scale.test\n");
            }
            for (int i = 0; i < recipients; i++) {
                out.write("relay-recipient " + recipient(i) + "\n");
            }
        }
        return policy;
    }

    private static String recipient(int i) {
        return FIRST_NAMES[i % FIRST_NAMES.length] + "." + LAST_NAMES[(i / FIRST_NAMES.length) % LAST_NAMES.length] + (i / 400) + "@d" + (i % DOMAINS) + ".scale.test";
    }

    private static URI webAdmin(RelayServer node, String path) {
        return URI.create("http://127.0.0.1:" + node.webAdminPort() + path);
    }

    private static void awaitRcpt(RelayServer node, String recipient, int code) {
        await(node + " to answer " + code + " to " + recipient).atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(20))
            .until(() -> rcptCodes(node, List.of(recipient)).get(0) == code);
    }

    private static List<Integer> rcptCodes(RelayServer node, List<String> recipients) throws IOException {
        List<Integer> codes = new ArrayList<>();
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, node.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            for (String recipient : recipients) {
                codes.add(client.rcptTo("<" + recipient + ">").code());
            }
        }
        return codes;
    }

    /** The answer times of {@link #TIMED_RCPTS} RCPT TO of known recipients, a few mails per session, after as many for warm-up. */
    private static String rcptTimes(RelayServer node, int recipients) throws IOException {
        long[] micros = new long[TIMED_RCPTS];
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, node.smtpPort())) {
            client.ehlo("client.example");
            for (int round = 0; round < 2; round++) {
                for (int sent = 0; sent < TIMED_RCPTS; sent += RCPTS_PER_MAIL) {
                    client.mailFrom("<someone@outside.example>");
                    for (int i = sent; i < sent + RCPTS_PER_MAIL; i++) {
                        String recipient = recipient((int) ((i * 7_919L + round) % recipients));
                        long start = System.nanoTime();
                        int code = client.rcptTo("<" + recipient + ">").code();
                        micros[i] = (System.nanoTime() - start) / 1_000;
                        assertThat(code).as(recipient).isEqualTo(250);
                    }
                    client.command("RSET");
                }
            }
        }
        Arrays.sort(micros);
        return String.format(Locale.ROOT, "p50 %d us, p99 %d us, max %d us over %,d", micros[TIMED_RCPTS / 2], micros[TIMED_RCPTS * 99 / 100],
            micros[TIMED_RCPTS - 1], TIMED_RCPTS);
    }

    private static long rssMegabytes(RelayServer node) throws IOException {
        long pid = node.jvm().orElseThrow().pid();
        String statm = Files.readString(Path.of("/proc/" + pid + "/statm")).trim();
        return Long.parseLong(statm.split(" ")[1]) * PAGE_SIZE / (1024 * 1024);
    }

    private static long cpuMillis(RelayServer node) {
        return node.jvm().orElseThrow().info().totalCpuDuration().orElseThrow().toMillis();
    }

    private static long cassandraCpuMillis() {
        return ProcessHandle.of(cassandra.pid()).orElseThrow().info().totalCpuDuration().orElseThrow().toMillis();
    }

    private static double percent(long cpuMillis, Duration window) {
        return 100.0 * cpuMillis / window.toMillis();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void report(String format, Object... arguments) {
        System.out.println("[scale] " + String.format(Locale.ROOT, format, arguments));
    }
}
