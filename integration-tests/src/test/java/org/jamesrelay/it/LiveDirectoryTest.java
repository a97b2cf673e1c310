package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

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

        awaitPropagation(() -> rcptCode("<someone@outside.example>", "<carol@added.test>"), 250);
    }

    @Test
    void aliasAddedToJamesShouldBeOwnedByItsTarget() throws Exception {
        assertThat(server.webAdminPut("/address/aliases/alice@local.test/sources/alice.alias@local.test", "")).isEqualTo(204);

        awaitPropagation(this::aliasMailFromCode, 250);
    }

    private int aliasMailFromCode() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.submissionPort())) {
            client.ehlo("laptop.example");
            client.startTls("laptop.example");
            client.authPlain("alice@local.test", "alice-secret");
            return client.mailFrom("<alice.alias@local.test>").code();
        }
    }

    private int rcptCode(String sender, String recipient) throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
            client.ehlo("client.example");
            client.mailFrom(sender);
            return client.rcptTo(recipient).code();
        }
    }

    /** Fails unless the reply code becomes the expected one within the propagation time. */
    private static void awaitPropagation(Callable<Integer> replyCode, int expected) {
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).until(replyCode, code -> code == expected);
    }
}
