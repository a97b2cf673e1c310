package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesrelay.cli.PolicyCli;
import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.dkim.PythonDkimVerifier;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signing on a real James Relay: keys made with {@code james-relay policy dkim}, mail relayed by the logged-in
 * demo user alice and by a trusted application, received by a real next hop, and checked by python3-dkim (Debian's
 * dkimpy) against the record the command printed, handed to it instead of DNS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DkimSigningTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String UNTRUSTED = "127.0.0.2";
    private static final Pattern PUBLISHED = Pattern.compile("publish: (\\S+)\\. IN TXT ((?:\"[^\"]*\" ?)+)");
    private static final byte[] WINDOWS_EXECUTABLE = "MZ\u0090\u0000\u0003 pretend program".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    static Path temp;

    private RecordingNextHop hop;
    private RelayServer server;
    private final List<String> outputs = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        hop = RecordingNextHop.start(Options.defaults());
        Path policy = temp.resolve("relay-policy.conf");
        Files.writeString(policy, String.join("\n",
            "trusted-network 127.0.0.1/32",
            "authenticated-relay tls-only",
            "relay-domain shield.test",
            "attachment-filter shield.test strip names=*.exe",
            "header-filter shield.test remove=X-Internal-*",
            ""));
        RelayServer.forget("dkim-signing");
        server = RelayServer.start("dkim-signing", "127.0.0.1:" + hop.port(), Optional.of(policy), List.of(), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        hop.close();
    }

    @Test
    void mailOfALoggedInUserArrivesWithRsaAndEd25519SignaturesThatVerify() throws Exception {
        Map<String, String> records = new HashMap<>(published(policy("dkim", "add", "local.test", "s1")));
        records.putAll(published(policy("dkim", "add", "local.test", "e1", "--algorithm", "ed25519-sha256")));
        String subject = Messages.uniqueSubject("signed submission");

        submitAsAlice("friend@outside.example", Messages.message("alice@local.test", "friend@outside.example", subject));

        Received received = hop.await(bySubject(subject), ARRIVAL).orElseThrow();
        assertThat(verify(received, records)).containsExactly("pass d=local.test s=s1 a=rsa-sha256", "pass d=local.test s=e1 a=ed25519-sha256");
        assertThat(policy("explain", "--client", UNTRUSTED, "--login", "alice@local.test", "--tls", "--sender", "alice@local.test",
            "--recipient", "friend@outside.example")).contains("signed d=local.test s=s1,e1 (on failure hold)");
        assertThat(server.webAdminAnswer("GET", "/metrics", "").body()).contains("james_relay_dkim_signed_total")
            .contains("james_relay_dkim_signing_duration");
    }

    @Test
    void theSignatureHoldsAfterTheFilterStrippedAnAttachmentAndRemovedHeaders() throws Exception {
        Map<String, String> records = published(policy("dkim", "add", "filtered.test", "s1"));
        String subject = Messages.uniqueSubject("filtered then signed");
        String exe = Base64.getMimeEncoder().encodeToString(WINDOWS_EXECUTABLE);
        String message = "From: <app@filtered.test>\r\nTo: <x@shield.test>\r\nSubject: " + subject + "\r\n"
            + "X-Internal-Ticket: 4711\r\nMessage-ID: <" + UUID.randomUUID() + "@client.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nSee the program.\r\n"
            + "--b\r\nContent-Type: application/octet-stream; name=\"setup.exe\"\r\nContent-Disposition: attachment; filename=\"setup.exe\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n" + exe + "\r\n--b--\r\n";

        sendAsTrustedApplication("app@filtered.test", "x@shield.test", message);

        Received received = hop.await(bySubject(subject), ARRIVAL).orElseThrow();
        assertThat(received.data()).contains("James Relay removed").doesNotContain(exe).doesNotContain("X-Internal-Ticket");
        assertThat(verify(received, records)).containsExactly("pass d=filtered.test s=s1 a=rsa-sha256");
    }

    @Test
    void eightBitMailIsMadeQuotedPrintableBeforeItIsSignedSoTheSignatureSurvivesTheWay() throws Exception {
        Map<String, String> records = published(policy("dkim", "add", "latin.test", "s1", "--algorithm", "ed25519"));
        String subject = Messages.uniqueSubject("8bit");
        String message = "From: <app@latin.test>\r\nTo: <friend@outside.example>\r\nSubject: " + subject + "\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte.\r\n";

        sendAsTrustedApplication("app@latin.test", "friend@outside.example", message);

        Received received = hop.await(bySubject(subject), ARRIVAL).orElseThrow();
        assertThat(received.data()).contains("Content-Transfer-Encoding: quoted-printable").contains("Cr=E8me");
        assertThat(verify(received, records)).containsExactly("pass d=latin.test s=s1 a=ed25519-sha256");
    }

    @Test
    void mailOfADomainWithoutKeyArrivesUnsigned() throws Exception {
        String subject = Messages.uniqueSubject("unsigned");

        sendAsTrustedApplication("app@nokey.test", "friend@outside.example", Messages.message("app@nokey.test", "friend@outside.example", subject));

        assertThat(hop.await(bySubject(subject), ARRIVAL).orElseThrow().data()).doesNotContainIgnoringCase("DKIM-Signature");
    }

    @Test
    void afterTheSwitchMailIsSignedWithTheNewSelector() throws Exception {
        Map<String, String> first = published(policy("dkim", "add", "rotate.test", "2026a"));
        Map<String, String> second = published(policy("dkim", "add", "rotate.test", "2026b"));
        assertThat(policy("dkim", "show", "rotate.test")).contains("selector 2026a: rsa-sha256 2048 bits, active (signs)")
            .contains("selector 2026b: rsa-sha256 2048 bits, standby");
        String before = Messages.uniqueSubject("before the switch");
        sendAsTrustedApplication("app@rotate.test", "friend@outside.example", Messages.message("app@rotate.test", "friend@outside.example", before));
        assertThat(verify(hop.await(bySubject(before), ARRIVAL).orElseThrow(), first)).containsExactly("pass d=rotate.test s=2026a a=rsa-sha256");

        policy("dkim", "activate", "rotate.test", "2026b");
        String after = Messages.uniqueSubject("after the switch");
        sendAsTrustedApplication("app@rotate.test", "friend@outside.example", Messages.message("app@rotate.test", "friend@outside.example", after));

        Received received = hop.await(bySubject(after), ARRIVAL).orElseThrow();
        assertThat(verify(received, second)).containsExactly("pass d=rotate.test s=2026b a=rsa-sha256");
        policy("dkim", "retire", "rotate.test", "2026a");
        assertThat(policy("dkim", "show", "rotate.test")).doesNotContain("2026a");
    }

    @Test
    void thePrivateKeyIsOnDiskForTheServersUserOnlyAndInNoOutput() throws Exception {
        policy("dkim", "add", "secret.test", "s1");
        outputs.add(policy("dkim", "show", "secret.test"));
        outputs.add(policy("--json", "dkim", "show", "secret.test"));
        outputs.add(policy("dkim", "list"));
        outputs.add(policy("audit", "--limit", "50"));
        outputs.add(policy("export"));
        Path keyFile = server.workdir().resolve("var/dkim/keys.conf");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        List<String> privateKeys = new ArrayList<>();
        for (String line : Files.readAllLines(keyFile)) {
            if (line.startsWith("dkim-key ")) {
                privateKeys.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(privateKeys).isNotEmpty();
        String everything = String.join("\n", outputs) + server.log() + Files.readString(server.workdir().resolve("var/relay-dkim-audit.log"));
        for (String privateKey : privateKeys) {
            assertThat(everything).doesNotContain(privateKey.substring(64, 128));
        }
        assertThat(policy("audit", "--limit", "50")).contains("add dkim key").contains("secret.test s1 rsa-sha256 2048 bits active SHA256:");
    }

    /** {@code james-relay policy ARGS} in this JVM, as the test's operator; its output is kept for the private key test. */
    private String policy(String... args) {
        List<String> command = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + server.webAdminPort(), "--actor", "dkim-test"));
        command.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PolicyCli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(String.join(" ", args) + ": " + printed + err.toString(StandardCharsets.UTF_8)).isEqualTo(PolicyCli.OK);
        outputs.add(printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }

    /** The record the command printed, as a zone file line, joined back into the TXT value. */
    private static Map<String, String> published(String output) {
        Matcher matcher = PUBLISHED.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Map.of(matcher.group(1), matcher.group(2).replaceAll("\" ?\"?", "").trim());
    }

    private static List<String> verify(Received received, Map<String, String> records) throws Exception {
        return PythonDkimVerifier.verify(received.data().getBytes(StandardCharsets.UTF_8), records);
    }

    private void submitAsAlice(String to, String message) throws Exception {
        try (SmtpClient client = SmtpClient.connect(UNTRUSTED, server.submissionPort())) {
            client.ehlo("laptop.example");
            assertThat(client.startTls("laptop.example").code()).isEqualTo(250);
            assertThat(client.authPlain("alice@local.test", "alice-secret").code()).isEqualTo(235);
            assertThat(client.mailFrom("<alice@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + to + ">").code()).isEqualTo(250);
            assertThat(client.data(message).code()).isEqualTo(250);
        }
    }

    private void sendAsTrustedApplication(String from, String to, String message) throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.test");
            assertThat(client.mailFrom("<" + from + ">").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + to + ">").code()).isEqualTo(250);
            assertThat(client.data(message).code()).isEqualTo(250);
        }
    }

    private static Predicate<Received> bySubject(String subject) {
        return message -> message.data().contains("Subject: " + subject);
    }
}
