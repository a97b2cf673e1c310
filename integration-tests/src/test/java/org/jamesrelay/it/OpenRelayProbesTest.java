package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 16 probes of nmap's smtp-open-relay script, sent from the untrusted 127.0.0.2. Their "domain" is this
 * server's own local domain and their "ip" its own address: the forms most likely to slip through. Each must be
 * refused for good (5xx): a 4xx would only invite the prober to try again.
 */
@ExtendWith(SharedRelay.class)
class OpenRelayProbesTest {
    private static final String DOMAIN = "local.test";
    private static final String IP = "[127.0.0.1]";
    private static final String TARGET = "nmap.scanme.org";
    private static final String ANTISPAM_IP = "<antispam@" + IP + ">";

    private final RelayServer server;

    OpenRelayProbesTest(RelayServer server) {
        this.server = server;
    }

    static Stream<Arguments> probes() {
        return Stream.of(
            Arguments.of("<>", "<relaytest@" + TARGET + ">"),
            Arguments.of("<antispam@" + TARGET + ">", "<relaytest@" + TARGET + ">"),
            Arguments.of("<antispam@" + DOMAIN + ">", "<relaytest@" + TARGET + ">"),
            Arguments.of(ANTISPAM_IP, "<relaytest@" + TARGET + ">"),
            Arguments.of(ANTISPAM_IP, "<relaytest%" + TARGET + "@" + IP + ">"),
            Arguments.of(ANTISPAM_IP, "<relaytest%" + TARGET + "@" + DOMAIN + ">"),
            Arguments.of(ANTISPAM_IP, "<\"relaytest@" + TARGET + "\">"),
            Arguments.of(ANTISPAM_IP, "<\"relaytest%" + TARGET + "\">"),
            Arguments.of(ANTISPAM_IP, "<relaytest@" + TARGET + "@" + IP + ">"),
            Arguments.of(ANTISPAM_IP, "<\"relaytest@" + TARGET + "\"@" + IP + ">"),
            Arguments.of(ANTISPAM_IP, "<relaytest@" + TARGET + "@" + DOMAIN + ">"),
            Arguments.of(ANTISPAM_IP, "<@" + IP + ":relaytest@" + TARGET + ">"),
            Arguments.of(ANTISPAM_IP, "<@" + DOMAIN + ":relaytest@" + TARGET + ">"),
            Arguments.of(ANTISPAM_IP, "<" + TARGET + "!relaytest>"),
            Arguments.of(ANTISPAM_IP, "<" + TARGET + "!relaytest@" + IP + ">"),
            Arguments.of(ANTISPAM_IP, "<" + TARGET + "!relaytest@" + DOMAIN + ">"));
    }

    @ParameterizedTest(name = "MAIL FROM:{0} RCPT TO:{1}")
    @MethodSource("probes")
    void probeShouldBeRefusedForGood(String sender, String recipient) throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.2", server.smtpPort())) {
            client.ehlo(TARGET);
            ServerReply mail = client.mailFrom(sender);
            ServerReply refusal = mail.isPositive() ? client.rcptTo(recipient) : mail;

            assertThat(refusal.code()).as("reply %s", refusal).isBetween(500, 599);
        }
    }
}
