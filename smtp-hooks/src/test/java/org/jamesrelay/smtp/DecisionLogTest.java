package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.SmtpReply;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DecisionLogTest {
    private static final Decision REFUSED = Decision.of(Verdict.DENY, SmtpReply.of(550, "5.7.1", "Relay access denied"), "relay-denied");
    private static final Decision RELAYED = Decision.of(Verdict.RELAY, SmtpReply.of(250, "2.1.5", "Recipient OK (trusted network)"),
        "trusted-network:127.0.0.0/8");

    @RegisterExtension
    final LogLines decisions = new LogLines("org.jamesrelay.decisions");

    private RecordingMetricFactory metrics;
    private DecisionLog log;
    private ClientContext client;

    @BeforeEach
    void setUp() throws Exception {
        metrics = new RecordingMetricFactory();
        log = new DecisionLog(new RelayMetrics(metrics));
        client = ClientContext.from(InetAddress.getByName("127.0.0.2")).helo("client.test").build();
    }

    @Test
    void shouldLogARefusalAtInfo() {
        log.log("RCPT", client, "a@outside.test", "b@elsewhere.test", REFUSED);

        assertThat(decisions.lines()).containsExactly(
            "INFO RCPT client=127.0.0.2 helo=client.test from=<a@outside.test> to=<b@elsewhere.test>: DENY [relay-denied] 550 5.7.1 Relay access denied");
    }

    @Test
    void shouldLogAnAcceptanceAtDebug() {
        log.log("RCPT", client, "", "b@elsewhere.test", RELAYED);

        assertThat(decisions.lines()).containsExactly(
            "DEBUG RCPT client=127.0.0.2 helo=client.test from=<> to=<b@elsewhere.test>: RELAY [trusted-network:127.0.0.0/8] 250 2.1.5 Recipient OK (trusted network)");
    }

    @Test
    void shouldLogEveryDecisionWithAWarningAtWarnAcceptedOrNot() {
        log.log("MAIL", client, "a@outside.test", "", RELAYED.withWarning("open relay mode"));
        log.log("RCPT", client, "a@outside.test", "b@elsewhere.test", REFUSED.withWarning("open relay mode"));

        assertThat(decisions.lines()).containsExactly(
            "WARN MAIL client=127.0.0.2 helo=client.test from=<a@outside.test> to=<>: RELAY [trusted-network:127.0.0.0/8] "
                + "250 2.1.5 Recipient OK (trusted network) WARNING: open relay mode",
            "WARN RCPT client=127.0.0.2 helo=client.test from=<a@outside.test> to=<b@elsewhere.test>: DENY [relay-denied] "
                + "550 5.7.1 Relay access denied WARNING: open relay mode");
    }

    @Test
    void shouldCountEachDecisionByStageVerdictRuleKindAndReply() {
        log.log("RCPT", client, "", "b@elsewhere.test", REFUSED);
        log.log("RCPT", client, "", "c@elsewhere.test", REFUSED);
        log.log("RCPT", client, "", "d@elsewhere.test", RELAYED);

        assertThat(metrics.countFor("james_relay_decision_rcpt_deny_relay_denied")).isEqualTo(2);
        assertThat(metrics.countFor("james_relay_decision_rcpt_relay_trusted_network")).isEqualTo(1);
        assertThat(metrics.countFor("james_relay_smtp_reply_550")).isEqualTo(2);
        assertThat(metrics.countFor("james_relay_smtp_reply_250")).isEqualTo(1);
    }
}
