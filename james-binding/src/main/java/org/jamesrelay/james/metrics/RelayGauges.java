package org.jamesrelay.james.metrics;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.jamesrelay.james.RelayPolicyService;

/** The values James Relay's metrics read when they are read: the policy in force, and the age of the queues' mail. */
@Singleton
public class RelayGauges {
    private final QueueGauges queueGauges;

    @Inject
    public RelayGauges(GaugeRegistry gauges, RelayPolicyService policy, MailQueueFactory<?> queues) {
        this.queueGauges = new QueueGauges(gauges, queues);
        PolicyGauges.register(gauges, policy);
        queueGauges.watch(MailQueueFactory.SPOOL);
    }

    /** Adds the oldest mail of {@code queue} to the metrics and the health checks. */
    public void watchQueue(MailQueueName queue) {
        queueGauges.watch(queue);
    }

    public QueueGauges queues() {
        return queueGauges;
    }
}
