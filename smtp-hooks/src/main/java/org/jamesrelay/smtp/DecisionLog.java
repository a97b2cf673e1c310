package org.jamesrelay.smtp;

import javax.inject.Inject;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per decision, in a fixed shape an operator can search: refusals at INFO, acceptances at DEBUG,
 * and every decision that carries a warning (open relay mode, no policy) at WARN; and one count in the metrics.
 */
public class DecisionLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.decisions");

    private final RelayMetrics metrics;

    @Inject
    public DecisionLog(RelayMetrics metrics) {
        this.metrics = metrics;
    }

    void log(String stage, ClientContext client, String sender, String recipient, Decision decision) {
        metrics.decision(stage, decision);
        if (decision.warning().isPresent()) {
            LOGGER.warn("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        } else if (!decision.isAccepted()) {
            LOGGER.info("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        } else {
            LOGGER.debug("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        }
    }
}
