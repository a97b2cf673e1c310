package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.cli.SelfTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james-relay selftest} against the real relay in each client mode: every probe must be refused.
 */
@ExtendWith(SharedRelay.class)
class SelfTestTest {
    private final RelayServer server;
    private final NextHop nextHop;

    SelfTestTest(RelayServer server, NextHop nextHop) {
        this.server = server;
        this.nextHop = nextHop;
    }

    @Test
    void untrustedClientShouldBeRefusedEveryAbuseForm() throws Exception {
        Path output = Files.createTempFile("selftest", ".txt");
        Process selftest = new ProcessBuilder(List.of(RelayServer.home().resolve("bin/james-relay").toString(), "selftest",
            "--host", "127.0.0.1", "--port", Integer.toString(server.smtpPort()), "--source", "127.0.0.2",
            "--local-domain", "local.test", "--recipient", "info@relay.test"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        assertThat(selftest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(selftest.exitValue()).as(report).isEqualTo(SelfTest.ALL_REFUSED);
        assertThat(report).contains("38 probes: 37 refused, 0 ACCEPTED, 1 skipped")
            .contains("REFUSED  limits    100 unknown recipients of relay.test in one session (directory harvest)")
            .contains("-> cut at guess #20: 421 4.7.0 Error: too many errors");
    }

    @Test
    void smuggledMessagesShouldNeverReachTheNextHop() throws Exception {
        Report report = selftest("--host", "127.0.0.1", "--port", Integer.toString(server.smtpPort()), "--source", "127.0.0.2",
            "--local-domain", "local.test", "--recipient", "sales@relay.test");

        assertThat(report.exitCode).as(report.output).isEqualTo(SelfTest.ALL_REFUSED);
        assertThat(nextHop.awaitSubject("James Relay self-test carrier", Duration.ofSeconds(60))).isPresent();
        assertThat(nextHop.withSubjectStartingWith("smuggled ")).isEmpty();
    }

    @Test
    void authenticatedClientShouldBeRefusedEverySenderItDoesNotOwn() throws Exception {
        Report report = selftest("--host", "127.0.0.1", "--port", Integer.toString(server.submissionPort()), "--source", "127.0.0.2",
            "--login", "alice@local.test", "--password", "alice-secret", "--other-sender", "bob@local.test",
            "--recipient", "bob@local.test");

        assertThat(report.exitCode).as(report.output).isEqualTo(SelfTest.ALL_REFUSED);
        assertThat(report.output).contains("REFUSED  spoofing  MAIL FROM:<bob@local.test>")
            .contains("MAIL 553 5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test")
            .contains("DATA 550 5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test")
            .contains("39 probes: 38 refused, 0 ACCEPTED, 1 skipped");
    }

    @Test
    void trustedNetworkShouldBeRefusedRelayingForASenderItMayNotUse(@TempDir Path folder) throws Exception {
        Path policy = folder.resolve("relay-policy.conf");
        Files.writeString(policy, Files.readString(RelayServer.home().resolve("conf/relay-policy.conf"))
            + "\ntrusted-network 127.0.0.3/32 senders=scanner@local.test\n");
        try (NextHop printerHop = NextHop.start();
             RelayServer printerRelay = RelayServer.start("printer-network", printerHop, Optional.of(policy))) {
            Report report = selftest("--host", "127.0.0.1", "--port", Integer.toString(printerRelay.smtpPort()), "--source", "127.0.0.3",
                "--sender", "ceo@bank.example", "--local-domain", "local.test", "--recipient", "info@relay.test", "--harvest", "0");

            assertThat(report.exitCode).as(report.output).isEqualTo(SelfTest.ALL_REFUSED);
            assertThat(report.output).contains("Relay access denied: sender <ceo@bank.example> may not relay from 127.0.0.3/32");
        }
    }

    /** Issue 11: password guessing was never cut; the probe locks its source address out, so it has its own. */
    @Test
    void passwordGuessingProbeShouldBeCut() throws Exception {
        Report report = selftest("--host", "127.0.0.1", "--port", Integer.toString(server.submissionPort()), "--source", "127.0.21.9",
            "--local-domain", "local.test", "--brute-force", "30");

        assertThat(report.exitCode).as(report.output).isEqualTo(SelfTest.ALL_REFUSED);
        assertThat(report.output).contains("REFUSED  limits    30 wrong passwords for selftest@relay-selftest.invalid on one connection")
            .contains("-> cut at guess #10: 421 4.7.0 Error: too many failed logins from this address, try again in 900 s");
    }

    static Report selftest(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = SelfTest.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Report(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    static final class Report {
        final int exitCode;
        final String output;

        Report(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
