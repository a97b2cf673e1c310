package org.jamesrelay.james.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.SmtpReply;
import org.jamesrelay.core.Verdict;
import org.junit.jupiter.api.Test;

class RelayMetricsTest {
    private final RecordingMetricFactory factory = new RecordingMetricFactory();
    private final RelayMetrics metrics = new RelayMetrics(factory);

    @Test
    void decisionShouldBeCountedByStageVerdictAndRuleKindWithItsReply() {
        Decision refused = Decision.of(Verdict.DENY, SmtpReply.of(550, "5.7.1", "<y@elsewhere.example>: Relay access denied"), "relay-denied");
        Decision relayed = Decision.of(Verdict.RELAY, SmtpReply.of(250, "2.1.5", "Ok"), "trusted-network:127.0.0.1/32");

        metrics.decision("RCPT", refused);
        metrics.decision("RCPT", refused);
        metrics.decision("RCPT", relayed);

        assertThat(factory.countFor("james_relay_decision_rcpt_deny_relay_denied")).isEqualTo(2);
        assertThat(factory.countFor("james_relay_decision_rcpt_relay_trusted_network")).isEqualTo(1);
        assertThat(factory.countFor("james_relay_smtp_reply_550")).isEqualTo(2);
        assertThat(factory.countFor("james_relay_smtp_reply_250")).isEqualTo(1);
    }

    @Test
    void deliveryShouldBeCountedOnceInAllAndOncePerRoute() {
        metrics.delivery(List.of("route:relay.test", "route:*"), "deferred");

        assertThat(factory.countFor("james_relay_delivery_deferred")).isEqualTo(1);
        assertThat(factory.countFor("james_relay_delivery_deferred_route_relay_test")).isEqualTo(1);
        assertThat(factory.countFor("james_relay_delivery_deferred_route_default")).isEqualTo(1);
    }
}
