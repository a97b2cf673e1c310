package org.jamesrelay.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.apache.james.queue.api.MailQueueName;
import org.jamesrelay.james.metrics.QueueGauges;
import org.jamesrelay.james.metrics.RelayGauges;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Mail waits too long: degraded when the oldest mail of the spool or of a relay queue arrived or was last tried more
 * than {@code james.relay.health.queue.max.age} ago (a JVM property in ISO-8601, default {@link #DEFAULT_MAX_AGE}):
 * a next hop is down, or deliveries cannot keep up. The gauges need the policy service, so they are looked up at the
 * first check, as in {@link RelayPolicyHealthCheck}.
 */
public class QueuedMailHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("James Relay queued mail");
    static final String MAX_AGE_PROPERTY = "james.relay.health.queue.max.age";
    static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);

    private final Supplier<QueueGauges> queues;
    private final Duration maxAge;

    @Inject
    public QueuedMailHealthCheck(Provider<RelayGauges> gauges) {
        this(() -> gauges.get().queues(), maxAge(System.getProperty(MAX_AGE_PROPERTY)));
    }

    QueuedMailHealthCheck(Supplier<QueueGauges> queues, Duration maxAge) {
        this.queues = queues;
        this.maxAge = maxAge;
    }

    static Duration maxAge(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_AGE;
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(MAX_AGE_PROPERTY + "=" + value + " is not an ISO-8601 duration such as PT30M", e);
        }
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::result).subscribeOn(Schedulers.boundedElastic());
    }

    Result result() {
        QueueGauges queues = this.queues.get();
        List<String> late = queues.watched().stream()
            .map(MailQueueName::asString)
            .sorted()
            .map(queue -> Map.entry(queue, queues.oldestAgeSeconds(MailQueueName.of(queue))))
            .filter(queue -> queue.getValue() > maxAge.toSeconds())
            .map(queue -> queue.getKey() + " (oldest " + queue.getValue() + " s)")
            .collect(Collectors.toList());
        return late.isEmpty() ? Result.healthy(COMPONENT)
            : Result.degraded(COMPONENT, "mail waits longer than " + maxAge.toSeconds() + " s: " + String.join(", ", late));
    }
}
