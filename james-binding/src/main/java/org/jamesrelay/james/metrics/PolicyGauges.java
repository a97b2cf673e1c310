package org.jamesrelay.james.metrics;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.metrics.api.GaugeRegistry;
import org.jamesrelay.james.RelayPolicyService;

/** The policy in force: how often it was (re)loaded or refused, and how long ago the store was last read. */
final class PolicyGauges {
    /** Reported while the store was never read: older than any refresh interval. */
    static final long NEVER_READ = -1;

    private PolicyGauges() {
    }

    static void register(GaugeRegistry gauges, RelayPolicyService policy) {
        gauges.register(RelayMetrics.PREFIX + "policy_loads", policy::policyLoads);
        gauges.register(RelayMetrics.PREFIX + "policy_refusals", policy::policyRefusals);
        gauges.register(RelayMetrics.PREFIX + "policy_read_age_seconds", () -> policy.lastSuccessfulRead()
            .map(read -> Duration.between(read, Instant.now()).toSeconds())
            .orElse(NEVER_READ));
    }
}
