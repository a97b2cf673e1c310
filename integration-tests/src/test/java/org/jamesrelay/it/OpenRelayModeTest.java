package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jamesrelay.cli.SelfTest;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open relay mode must be asked for by name, and is then loud: a warning at startup and with every decision.
 * This is also the proof that the probes of {@link OpenRelayProbesTest} would see an open relay.
 */
class OpenRelayModeTest {
    @Test
    void openRelayModeShouldRelayForAnyoneAndWarnEveryTime(@TempDir Path folder) throws Exception {
        Path policy = folder.resolve("relay-policy.conf");
        Files.writeString(policy, "relay-mode open-relay\n");
        String subject = Messages.uniqueSubject("open relay");

        try (NextHop nextHop = NextHop.start();
             RelayServer server = RelayServer.start("open-relay", nextHop, Optional.of(policy))) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
                client.ehlo("nmap.scanme.org");
                assertThat(client.mailFrom("<spammer@outside.example>").code()).isEqualTo(250);
                assertThat(client.rcptTo("<relaytest@nmap.scanme.org>").asString()).startsWith("250 ");
                assertThat(client.data(Messages.message("spammer@outside.example", "relaytest@nmap.scanme.org", subject)).code())
                    .isEqualTo(250);
            }

            assertThat(nextHop.awaitSubject(subject, Duration.ofSeconds(60))).isPresent();
            SelfTestTest.Report selftest = SelfTestTest.selftest("--host", "127.0.0.1", "--port", Integer.toString(server.smtpPort()),
                "--source", "127.0.0.2", "--local-domain", "local.test");
            assertThat(selftest.exitCode).as(selftest.output).isEqualTo(SelfTest.SOMETHING_ACCEPTED);
            assertThat(selftest.output).contains("ACCEPTED relay     MAIL FROM:<> RCPT TO:<relaytest@relay-selftest.invalid>");
            assertThat(server.log())
                .contains("WARN  o.j.j.RelayPolicyService - James Relay runs in OPEN RELAY mode")
                .containsPattern("WARN  o\\.j\\.decisions - RCPT client=127\\.0\\.0\\.2 .*to=<relaytest@nmap\\.scanme\\.org>: "
                    + "RELAY \\[relay-mode:open-relay\\].* WARNING: open relay mode");
        }
    }
}
