package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.cli.PolicyCli;
import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator changes the policy of the running relay with {@code bin/james-relay policy} alone, and the SMTP
 * decisions follow without a restart; explain tells why, the audit trail tells who changed what. Everything it adds
 * is its own (127.0.0.4, cli-it.test) and removed at the end: the relay is shared with the other test classes.
 */
@ExtendWith(SharedRelay.class)
class PolicyCommandTest {
    private static final String CLIENT = "127.0.0.4";
    private static final String NETWORK = "127.0.0.4/32";
    private static final String UNTRUSTED = "127.0.0.2";
    private static final String DOMAIN = "cli-it.test";
    private static final String RECIPIENT = "ops@" + DOMAIN;
    private static final String ACTOR = "it-operator";
    private static final Duration PROPAGATION = Duration.ofSeconds(15);

    private final RelayServer server;

    PolicyCommandTest(RelayServer server) {
        this.server = server;
    }

    /** One run of the command line, as an operator runs it. */
    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.webAdminPort();
    }

    /** The command line in this JVM, through its main entry point. */
    private Run policy(String... args) {
        List<String> command = new ArrayList<>(List.of("--url", url(), "--actor", ACTOR));
        command.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = PolicyCli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code bin/james-relay policy ARGS}, in its own process, as an operator runs it. */
    private Run script(String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RelayServer.home().resolve("bin/james-relay").toString(), "policy",
            "--url", url, "--actor", ACTOR));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("policy", ".out");
        Path err = Files.createTempFile("policy", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("james-relay policy %s ended", String.join(" ", args)).isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run ok(Run run) {
        assertThat(run.exitCode).as(run.toString()).isEqualTo(PolicyCli.OK);
        return run;
    }

    private Run ok(String... args) {
        return ok(policy(args));
    }

    /** The reply to RCPT TO from {@code source}, once it is {@code expected} or the propagation time is over. */
    private ServerReply rcpt(String source, String sender, String recipient, int expected) throws Exception {
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (true) {
            ServerReply reply;
            try (SmtpClient client = SmtpClient.connect(source, server.smtpPort())) {
                client.ehlo("client.example");
                assertThat(client.mailFrom("<" + sender + ">").code()).isEqualTo(250);
                reply = client.rcptTo("<" + recipient + ">");
            }
            if (reply.code() == expected || Instant.now().isAfter(deadline)) {
                return reply;
            }
            Thread.sleep(200);
        }
    }

    /** The reply to DATA of a mail with one attachment, sent from {@code source}. */
    private ServerReply data(String source, String sender, String recipient, String attachmentName) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, server.smtpPort())) {
            client.ehlo("client.example");
            assertThat(client.mailFrom("<" + sender + ">").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + recipient + ">").code()).isEqualTo(250);
            return client.data("From: <" + sender + ">\r\nSubject: attachment\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"" + attachmentName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b--\r\n");
        }
    }

    @AfterEach
    void removeWhatThisTestAdded() {
        // idempotent: a 404 (already removed) is fine
        policy("filters", "clear-attachments", DOMAIN);
        policy("domains", "remove", DOMAIN);
        policy("networks", "remove", NETWORK);
        assertThat(policy("networks", "--json").out).doesNotContain(NETWORK);
        assertThat(policy("domains", "--json").out).doesNotContain(DOMAIN);
    }

    @Test
    void operatorShouldChangeTheRunningRelayWithTheCommandLineAlone() throws Exception {
        // before: 127.0.0.4 is an outsider
        assertThat(rcpt(CLIENT, "app@outside.example", "x@elsewhere.example", 550).asString())
            .isEqualTo("550 5.7.1 <x@elsewhere.example>: Relay access denied");
        assertThat(ok("explain", "--client", CLIENT, "--sender", "app@outside.example", "--recipient", "x@elsewhere.example").out)
            .contains("verdict  DENY (refused)")
            .contains("rule     relay-denied");

        // trust the network: the relay follows at once
        assertThat(ok(script(url(), "networks", "add", NETWORK)).out).startsWith("ok: trusted network 127.0.0.4/32 saved (policy version ");
        assertThat(ok("networks", "list").out).contains("127.0.0.1/32").containsPattern("127\\.0\\.0\\.4/32 +any +no");
        assertThat(rcpt(CLIENT, "app@outside.example", "x@elsewhere.example", 250).code()).isEqualTo(250);
        assertThat(rcpt(UNTRUSTED, "app@outside.example", "x@elsewhere.example", 550).code()).isEqualTo(550);
        Run explained = ok("--json", "explain", "--client", CLIENT, "--helo", "printer.example", "--sender", "app@outside.example",
            "--recipient", "x@elsewhere.example");
        assertThat(explained.out).contains("\"verdict\":\"RELAY\"").contains("\"rule\":\"trusted-network:127.0.0.4/32\"")
            .contains("\"route\":{\"rule\":\"route:*\"");

        // a relay domain with one valid recipient
        ok("domains", "add", DOMAIN);
        assertThat(ok("recipients", "add", DOMAIN, RECIPIENT).out).startsWith("ok: relay recipient ops@cli-it.test saved");
        assertThat(ok("recipients", "list", DOMAIN).out).isEqualTo(RECIPIENT + "\n");
        assertThat(rcpt(UNTRUSTED, "someone@outside.example", RECIPIENT, 250).code()).isEqualTo(250);
        assertThat(rcpt(UNTRUSTED, "someone@outside.example", "other@" + DOMAIN, 550).asString())
            .isEqualTo("550 5.1.1 <other@cli-it.test>: Recipient address rejected: User unknown in relay recipient table");
        assertThat(ok("explain", "--client", UNTRUSTED, "--sender", "someone@outside.example", "--recipient", "other@" + DOMAIN).out)
            .contains("verdict  DENY (refused)")
            .contains("reply    550 5.1.1 <other@cli-it.test>: Recipient address rejected: User unknown in relay recipient table")
            .contains("rule     relay-recipient:cli-it.test");
        assertThat(ok("explain", "--client", UNTRUSTED, "--sender", "someone@outside.example", "--recipient", RECIPIENT).out)
            .contains("verdict  RELAY_DOMAIN (accepted)")
            .contains("rule     relay-domain:cli-it.test")
            .containsPattern("route    route:\\* -> \\[127\\.0\\.0\\.1\\]:\\d+ tls=may");

        // a route of its own for the relay domain
        assertThat(ok("routes", "add", DOMAIN, "[127.0.0.1]:2999", "--tls", "encrypt").out).startsWith("ok: route " + DOMAIN + " saved");
        assertThat(ok("routes", "list").out).containsPattern(DOMAIN.replace(".", "\\.") + " +.*\\[127\\.0\\.0\\.1\\]:2999");
        assertThat(ok("explain", "--client", UNTRUSTED, "--sender", "someone@outside.example", "--recipient", RECIPIENT).out)
            .contains("route    route:" + DOMAIN + " -> [127.0.0.1]:2999 tls=encrypt");
        ok("routes", "remove", DOMAIN);

        // a front-end filter for the relay domain: an executable is refused at the end of DATA
        assertThat(ok("filters", "set-attachments", DOMAIN, "--rule", "reject names=*.exe").out).startsWith("ok: ");
        assertThat(ok("filters", "show", DOMAIN).out).contains("reject").contains("*.exe");
        assertThat(data(UNTRUSTED, "someone@outside.example", RECIPIENT, "tool.exe").asString())
            .startsWith("554 5.7.1 Message rejected: \"tool.exe\" name *.exe");
        ok("filters", "clear-attachments", DOMAIN);
        assertThat(data(UNTRUSTED, "someone@outside.example", RECIPIENT, "tool.exe").code()).isEqualTo(250);

        // refusals, with the server's message and exit status 1; usage 2; unreachable 3
        Run hostBits = policy("networks", "add", "127.0.0.4/8");
        assertThat(hostBits.exitCode).as(hostBits.toString()).isEqualTo(PolicyCli.REFUSED);
        assertThat(hostBits.err).contains("invalid network '127.0.0.4/8': host bits are set in 127.0.0.4/8; the network is 127.0.0.0/8 (HTTP 400)");
        Run notRelayDomain = policy("recipients", "add", "nowhere-it.test", "a@nowhere-it.test");
        assertThat(notRelayDomain.exitCode).isEqualTo(PolicyCli.REFUSED);
        assertThat(notRelayDomain.err).contains("nowhere-it.test is not a relay domain");
        Run lastRecipient = policy("recipients", "remove", DOMAIN, RECIPIENT);
        assertThat(lastRecipient.exitCode).isEqualTo(PolicyCli.REFUSED);
        assertThat(lastRecipient.err).contains("is the last listed recipient of cli-it.test").contains("Add --force");
        assertThat(script(url(), "networks", "add").exitCode).isEqualTo(PolicyCli.USAGE);
        Run unreachable = script("http://127.0.0.1:" + FreePorts.next(), "networks");
        assertThat(unreachable.exitCode).as(unreachable.toString()).isEqualTo(PolicyCli.UNREACHABLE);
        assertThat(unreachable.err).contains("cannot reach WebAdmin at http://127.0.0.1:");

        // the audit trail: who, what, before and after
        assertThat(ok(script(url(), "audit", "--limit", "7")).out)
            .containsPattern("(?m)^\\S+Z  it-operator  remove attachment-filter  \\(version \\d+\\)\n    - attachment-filter cli-it\\.test reject names=\\*\\.exe$")
            .containsPattern("(?m)^\\S+Z  it-operator  remove route  \\(version \\d+\\)\n    - route cli-it\\.test \\[127\\.0\\.0\\.1\\]:2999 tls=encrypt$")
            .containsPattern("(?m)^\\S+Z  it-operator  add relay-recipient  \\(version \\d+\\)\n    \\+ relay-recipient ops@cli-it\\.test$")
            .containsPattern("(?m)^\\S+Z  it-operator  add relay-domain  \\(version \\d+\\)\n    \\+ relay-domain cli-it\\.test$")
            .containsPattern("(?m)^\\S+Z  it-operator  add trusted-network  \\(version \\d+\\)\n    \\+ trusted-network 127\\.0\\.0\\.4/32$");

        // removal: the relay is as before
        assertThat(ok("domains", "remove", DOMAIN).out).startsWith("ok: relay domain cli-it.test removed");
        assertThat(ok("networks", "remove", NETWORK).out).startsWith("ok: trusted network 127.0.0.4/32 removed");
        assertThat(rcpt(CLIENT, "app@outside.example", "x@elsewhere.example", 550).code()).isEqualTo(550);
        assertThat(rcpt(UNTRUSTED, "someone@outside.example", RECIPIENT, 550).code()).isEqualTo(550);
        assertThat(ok("--json", "audit", "--limit", "2").out)
            .contains("\"action\":\"remove trusted-network\",\"before\":\"trusted-network 127.0.0.4/32\",\"after\":\"\"")
            .contains("\"action\":\"remove relay-domain\",\"before\":\"relay-domain cli-it.test\\nrelay-recipient ops@cli-it.test\",\"after\":\"\"");
    }
}
