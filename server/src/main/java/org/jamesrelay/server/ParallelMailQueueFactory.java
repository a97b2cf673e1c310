package org.jamesrelay.server;

import javax.jms.ConnectionFactory;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/** James's ActiveMQ queue factory, whose queues are {@link ParallelMailQueue}s (no blob messages, no JMX). */
final class ParallelMailQueueFactory extends ActiveMQMailQueueFactory {

    ParallelMailQueueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decoratorFactory,
                             MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        super(connectionFactory, decoratorFactory, metricFactory, gaugeRegistry, new ActiveMQMetricCollectorNoop());
        setUseBlobMessages(false);
        setUseJMX(false);
    }

    @Override
    protected ManageableMailQueue createCacheableMailQueue(MailQueueName name) {
        return new ParallelMailQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory, gaugeRegistry);
    }
}
