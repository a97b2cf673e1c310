package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Domains and aliases added to James at run time (WebAdmin here, james-cli works alike) change relay decisions
 * without a restart.
 */
@ExtendWith(SharedRelay.class)
class LiveDirectoryTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(15);

    private final RelayServer server;

    LiveDirectoryTest(RelayServer server) {
        this.server = server;
    }

    @Test
    void domainAddedToJamesShouldBecomeLocalWithoutRestart() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom("<someone@outside.example>");
            assertThat(client.rcptTo("<carol@added.test>").code()).isEqualTo(550);
        }

        assertThat(server.webAdminPut("/domains/added.test", "")).isEqualTo(204);
        assertThat(server.webAdminPut("/users/carol@added.test", "{\"password\":\"carol-secret\"}")).isEqualTo(204);

        assertThat(awaitRcptCode("<someone@outside.example>", "<carol@added.test>", 250)).isEqualTo(250);
    }

    @Test
    void aliasAddedToJamesShouldBeOwnedByItsTarget() throws Exception {
        assertThat(server.webAdminPut("/address/aliases/alice@local.test/sources/alice.alias@local.test", "")).isEqualTo(204);

        Instant deadline = Instant.now().plus(PROPAGATION);
        int code;
        do {
            try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.submissionPort())) {
                client.ehlo("laptop.example");
                client.startTls("laptop.example");
                client.authPlain("alice@local.test", "alice-secret");
                code = client.mailFrom("<alice.alias@local.test>").code();
            }
        } while (code != 250 && Instant.now().isBefore(deadline) && pause());

        assertThat(code).isEqualTo(250);
    }

    private int awaitRcptCode(String sender, String recipient, int expected) throws Exception {
        Instant deadline = Instant.now().plus(PROPAGATION);
        int code;
        do {
            try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
                client.ehlo("client.example");
                client.mailFrom(sender);
                code = client.rcptTo(recipient).code();
            }
        } while (code != expected && Instant.now().isBefore(deadline) && pause());
        return code;
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
