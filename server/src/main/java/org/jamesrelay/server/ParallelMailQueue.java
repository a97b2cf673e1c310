package org.jamesrelay.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.ObjectMessage;
import javax.jms.Queue;
import javax.jms.Session;
import javax.mail.MessagingException;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's ActiveMQ mail queue, whose enqueues and dequeue commits do not wait for one another. The broker handles
 * the commands of one connection one at a time, and James's queue sends every mail, and commits every dequeue,
 * through one connection per queue: each SMTP session then waits for the fsync of the mail before its own, and each
 * finished mail for the commit before its own. Here each sending thread borrows a connection of its own, and the
 * dequeues take turns over {@value #DEQUEUE_CONNECTIONS} connections, each in a transacted session that the next
 * dequeue reuses once it committed: the broker stores and commits concurrently, and KahaDB writes and syncs what
 * arrives while it syncs in its next single write. A send still returns, and a commit completes, only once its record
 * is synced. The messages are those of James's queue (same properties, body in the
 * journal), so either reads what the other wrote.
 */
final class ParallelMailQueue extends ActiveMQCacheableMailQueue {
    private static final int DEQUEUE_CONNECTIONS = 8;
    private static final boolean NO_BLOB_MESSAGES = false;
    private static final long RECEIVE_TIMEOUT_MILLIS = 10_000;

    private final ConnectionFactory connectionFactory;
    private final ConcurrentLinkedQueue<Sender> idleSenders = new ConcurrentLinkedQueue<>();
    private final List<Connection> dequeueConnections;
    private final AtomicInteger dequeues = new AtomicInteger();
    private final ConcurrentLinkedQueue<Receiver> idleReceivers = new ConcurrentLinkedQueue<>();
    private final Flux<MailQueueItem> dequeued;

    ParallelMailQueue(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decoratorFactory,
                      MailQueueName name, MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        super(connectionFactory, decoratorFactory, name, NO_BLOB_MESSAGES, metricFactory, gaugeRegistry);
        this.connectionFactory = connectionFactory;
        this.dequeueConnections = startedConnections(connectionFactory, DEQUEUE_CONNECTIONS);
        this.dequeued = Mono.defer(this::dequeueOne).repeat();
    }

    private static List<Connection> startedConnections(ConnectionFactory connectionFactory, int count) {
        List<Connection> connections = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = connectionFactory.createConnection();
                connections.add(connection);
                connection.start();
            }
            return List.copyOf(connections);
        } catch (JMSException e) {
            connections.forEach(ParallelMailQueue::closeQuietly);
            throw new IllegalStateException("Cannot open the mail queue's connections to the broker", e);
        }
    }

    @Override
    protected void produceMail(Map<String, Object> props, int msgPrio, Mail mail) throws JMSException, MessagingException, IOException {
        Sender sender = idleSenders.poll();
        if (sender == null) {
            sender = new Sender(connectionFactory, queueName);
        }
        try {
            sender.send(props, msgPrio, mail);
        } catch (JMSException | MessagingException | IOException | RuntimeException e) {
            sender.close();
            throw e;
        }
        idleSenders.offer(sender);
    }

    @Override
    public Flux<MailQueueItem> deQueue() {
        return dequeued;
    }

    /** One mail ready for delivery, in a transaction of its own that the item's completion commits or rolls back. */
    private Mono<MailQueueItem> dequeueOne() {
        Receiver receiver = idleReceivers.poll();
        try {
            if (receiver == null) {
                receiver = new Receiver(nextDequeueConnection(), queueName);
            }
            Message message = receiver.receive(getMessageSelector(), RECEIVE_TIMEOUT_MILLIS);
            if (message == null) {
                idleReceivers.offer(receiver);
                return Mono.empty();
            }
            dequeuedMailsMetric.increment();
            MailQueueItem item = new ReceivedMail(createMail(message), receiver);
            return Mono.just(mailQueueItemDecoratorFactory.decorate(item, queueName));
        } catch (Exception e) {
            if (receiver != null) {
                receiver.rollbackAndClose();
            }
            return Mono.error(new MailQueueException("Unable to dequeue next message", e));
        }
    }

    private Connection nextDequeueConnection() {
        return dequeueConnections.get(Math.floorMod(dequeues.getAndIncrement(), DEQUEUE_CONNECTIONS));
    }

    /**
     * Mail due by the start of this second. A selector the broker has seen before is not parsed again, and James's
     * changed every millisecond; a mail delayed for a retry may wait up to one more second.
     */
    @Override
    protected String getMessageSelector() {
        long startOfSecond = TimeUnit.SECONDS.toMillis(TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()));
        return JAMES_NEXT_DELIVERY + " <= " + startOfSecond + " OR " + FORCE_DELIVERY + " = true";
    }

    @Override
    public void dispose() {
        for (Sender sender = idleSenders.poll(); sender != null; sender = idleSenders.poll()) {
            sender.close();
        }
        for (Receiver receiver = idleReceivers.poll(); receiver != null; receiver = idleReceivers.poll()) {
            receiver.rollbackAndClose();
        }
        dequeueConnections.forEach(ParallelMailQueue::closeQuietly);
        super.dispose();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            // Closing is best effort: the connection is dropped either way.
        }
    }

    /** A dequeued mail, whose receiver takes the next one once this one is committed. */
    private final class ReceivedMail implements MailQueueItem {
        private final Mail mail;
        private final Receiver receiver;

        ReceivedMail(Mail mail, Receiver receiver) {
            this.mail = mail;
            this.receiver = receiver;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            if (status != CompletionStatus.SUCCESS) {
                receiver.rollbackAndClose();
                return;
            }
            try {
                receiver.commit();
            } catch (JMSException e) {
                receiver.rollbackAndClose();
                throw new MailQueueException("Unable to commit dequeue operation for mail " + mail.getName(), e);
            }
            idleReceivers.offer(receiver);
        }
    }

    /**
     * A transacted session and its consumer, kept from one dequeue to the next, used by one thread at a time. Its
     * consumer is replaced when the selector changes, once a second at most. A receiver whose transaction did not
     * commit is closed, never reused: the broker then offers its message to any consumer again.
     */
    private static final class Receiver {
        private final Session session;
        private final Queue queue;
        private MessageConsumer consumer;
        private String selector;

        Receiver(Connection connection, MailQueueName queueName) throws JMSException {
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            queue = session.createQueue(queueName.asString());
        }

        Message receive(String currentSelector, long timeoutMillis) throws JMSException {
            if (!currentSelector.equals(selector)) {
                if (consumer != null) {
                    consumer.close();
                }
                consumer = session.createConsumer(queue, currentSelector);
                selector = currentSelector;
            }
            return consumer.receive(timeoutMillis);
        }

        void commit() throws JMSException {
            session.commit();
        }

        void rollbackAndClose() {
            rollback(session);
            closeConsumer(consumer);
            closeSession(session);
        }
    }

    /** One connection, session and producer, used by one thread at a time. */
    private static final class Sender {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;

        Sender(ConnectionFactory connectionFactory, MailQueueName queueName) throws JMSException {
            connection = connectionFactory.createConnection();
            try {
                session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                producer = session.createProducer(session.createQueue(queueName.asString()));
            } catch (JMSException e) {
                connection.close();
                throw e;
            }
        }

        void send(Map<String, Object> props, int msgPrio, Mail mail) throws JMSException, MessagingException, IOException {
            ObjectMessage message = session.createObjectMessage();
            for (Map.Entry<String, Object> property : props.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            long size = mail.getMessageSize();
            ByteArrayOutputStream body = size > -1 ? new ByteArrayOutputStream((int) size) : new ByteArrayOutputStream();
            mail.getMessage().writeTo(body);
            message.setObject(body.toByteArray());
            producer.send(message, Message.DEFAULT_DELIVERY_MODE, msgPrio, Message.DEFAULT_TIME_TO_LIVE);
        }

        void close() {
            closeQuietly(connection);
        }
    }
}
