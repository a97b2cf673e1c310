package org.jamesrelay.server;

import javax.jms.ConnectionFactory;

import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * James's ActiveMQ mail queue on {@link EmbeddedBroker}, in place of the memory server's queue: the spool and every
 * outgoing queue survive a crash or a restart. Mail bodies travel inside the queue's messages (no blob files), so
 * they are in the synced journal too; concurrent enqueues and dequeue commits share syncs ({@link ParallelMailQueue}).
 * Use it with {@code Modules.override}: it replaces the memory queue's bindings.
 */
public class DurableQueueModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(EmbeddedBroker.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedBroker broker) {
        return broker.connectionFactory();
    }

    @Provides
    @Singleton
    ActiveMQMailQueueFactory mailQueueFactory(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decoratorFactory,
                                              MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        return new ParallelMailQueueFactory(connectionFactory, decoratorFactory, metricFactory, gaugeRegistry);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableMailQueueFactory(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> mailQueueFactory(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> mailQueueFactoryOfQueues(ActiveMQMailQueueFactory factory) {
        return factory;
    }
}
