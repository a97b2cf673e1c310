package org.jamesrelay.smtp;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per decision, in a fixed shape an operator can search: refusals at INFO, acceptances at DEBUG,
 * and every decision that carries a warning (open relay mode, no policy) at WARN.
 */
final class DecisionLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.decisions");

    private DecisionLog() {
    }

    static void log(String stage, ClientContext client, String sender, String recipient, Decision decision) {
        if (decision.warning().isPresent()) {
            LOGGER.warn("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        } else if (!decision.isAccepted()) {
            LOGGER.info("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        } else {
            LOGGER.debug("{} {} from=<{}> to=<{}>: {}", stage, client, sender, recipient, decision);
        }
    }
}
