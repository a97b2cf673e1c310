package org.jamesrelay.server;

import java.io.IOException;

import javax.jms.ResourceAllocationException;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.command.Message;

/**
 * Reports a send that the store could not write for lack of room ({@link FullStore}) as ActiveMQ reports a full store
 * ({@link ResourceAllocationException}, as {@code sendFailIfNoSpace} does): the SMTP server then answers
 * {@code 452 4.3.1} whatever KahaDB's words for it were, e.g. {@code Async Writer Thread Shutdown} for the sends that
 * raced the first failed write. Other failures pass unchanged.
 */
final class FullStoreSendFilter extends BrokerFilter {
    private final FullStore fullStore;

    FullStoreSendFilter(Broker next, FullStore fullStore) {
        super(next);
        this.fullStore = fullStore;
    }

    @Override
    public void send(ProducerBrokerExchange producerExchange, Message messageSend) throws Exception {
        try {
            super.send(producerExchange, messageSend);
        } catch (IOException failure) {
            if (!fullStore.explains(failure)) {
                throw failure;
            }
            ResourceAllocationException full = new ResourceAllocationException("Mail queue store is full: " + failure.getMessage());
            full.initCause(failure);
            full.setLinkedException(failure);
            throw full;
        }
    }
}
