package org.jamesrelay.james.metrics;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.jamesrelay.core.Decision;

/**
 * What James Relay does, counted in James metrics (served by WebAdmin's {@code /metrics} and JMX): every name starts
 * with {@code james_relay_}, and what Prometheus would put in labels (verdict, rule kind, route, outcome) is part of
 * the name, as James's dropwizard metrics have no labels. {@link RelayGauges} has the values read on demand.
 */
@Singleton
public class RelayMetrics {
    static final String PREFIX = "james_relay_";

    private final MetricFactory metricFactory;
    private final ConcurrentMap<String, Metric> counters = new ConcurrentHashMap<>();

    @Inject
    public RelayMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    /** One decision of the relay policy at an SMTP stage (MAIL, RCPT, DATA), and the reply it gave. */
    public void decision(String stage, Decision decision) {
        increment("decision_" + stage + "_" + decision.verdict() + "_" + ruleKind(decision.ruleId()));
        increment("smtp_reply_" + decision.reply().code());
    }

    /**
     * One delivery attempt of a mail through one transport, the one of the routes {@code ruleIds}: its outcome
     * ({@code delivered}, {@code deferred}, {@code undeliverable}, {@code looped}) once in all, and once per route.
     */
    public void delivery(Collection<String> ruleIds, String outcome) {
        increment("delivery_" + outcome);
        ruleIds.forEach(ruleId -> increment("delivery_" + outcome + "_" + ruleId));
    }

    /** One first delivery attempt made at once, from the spool, rather than from the relay queue. */
    public void immediateAttempt() {
        increment("delivery_attempt_immediate");
    }

    /** Times one delivery attempt; {@link TimeMetric#stopAndPublish()} records it. */
    public TimeMetric deliveryTimer() {
        return metricFactory.timer(PREFIX + "delivery_duration");
    }

    /** Times one clamd scan; {@link TimeMetric#stopAndPublish()} records it. */
    public TimeMetric antivirusTimer() {
        return metricFactory.timer(PREFIX + "antivirus_scan_duration");
    }

    /** One clamd scan: {@code clean}, {@code virus} or {@code failed} (clamd unreachable, timed out, or in error). */
    public void antivirusScan(String outcome) {
        increment("antivirus_" + outcome);
    }

    /** One action of the front-end filter: {@code pass}, {@code strip}, {@code quarantine}, {@code reject}... */
    public void filterAction(String action) {
        increment("filter_" + action);
    }

    /**
     * One relayed mail seen by the DKIM signer: {@code signed}, {@code already_signed}, {@code no_key} (left
     * unsigned), {@code held} or {@code sent_unsigned} (signing failed).
     */
    public void dkim(String outcome) {
        increment("dkim_" + outcome);
    }

    /** Times the signing of one mail, every signature of it; {@link TimeMetric#stopAndPublish()} records it. */
    public TimeMetric dkimTimer() {
        return metricFactory.timer(PREFIX + "dkim_signing_duration");
    }

    private void increment(String name) {
        counters.computeIfAbsent(name, key -> metricFactory.generate(PREFIX + sanitized(key))).increment();
    }

    /** {@code trusted-network:127.0.0.1/32} is of kind {@code trusted-network}. */
    static String ruleKind(String ruleId) {
        int colon = ruleId.indexOf(':');
        return colon < 0 ? ruleId : ruleId.substring(0, colon);
    }

    /** {@code route:*} becomes {@code route_default}, {@code route:relay.test} {@code route_relay_test}. */
    static String sanitized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("*", "default").replaceAll("[^a-z0-9_]", "_");
    }
}
