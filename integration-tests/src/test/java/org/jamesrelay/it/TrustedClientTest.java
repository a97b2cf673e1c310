package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.mail.internet.MimeMessage;

import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client on 127.0.0.1, the trusted network of the sample policy, without AUTH.
 */
@ExtendWith(SharedRelay.class)
class TrustedClientTest {
    private final RelayServer server;
    private final NextHop nextHop;

    TrustedClientTest(RelayServer server, NextHop nextHop) {
        this.server = server;
        this.nextHop = nextHop;
    }

    @Test
    void trustedNetworkShouldRelayToOutsideAndDeliverThroughTheNextHop() throws Exception {
        String subject = Messages.uniqueSubject("trusted relay");
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            assertThat(client.mailFrom("<app@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<partner@outside.example>").code()).isEqualTo(250);
            assertThat(client.data(Messages.message("app@local.test", "partner@outside.example", subject)).code()).isEqualTo(250);
        }

        MimeMessage received = nextHop.awaitSubject(subject, Duration.ofSeconds(60)).orElseThrow();
        assertThat(received.getHeader("X-Relay-Test")).containsExactly("kept intact");
        assertThat(received.getHeader("Received")).isNotEmpty();
        assertThat(nextHop.receivedForDomain("outside.example")).contains(received);
    }

    @Test
    void trustedNetworkShouldStillNotRouteThroughALocalDomain() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            client.mailFrom("<app@local.test>");

            assertThat(client.rcptTo("<partner%outside.example@local.test>").asString())
                .isEqualTo("553 5.7.1 <partner%outside.example@local.test>: Recipient address rejected: "
                    + "sender-specified routing (percent hack) is not allowed");
        }
    }
}
