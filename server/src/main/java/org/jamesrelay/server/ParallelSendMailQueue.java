package org.jamesrelay.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.ObjectMessage;
import javax.jms.Session;
import javax.mail.MessagingException;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;

/**
 * James's ActiveMQ mail queue, whose enqueues do not wait for one another. James's queue sends every mail through one
 * session of one connection, so that concurrent SMTP sessions each wait for the fsync of the mail before theirs.
 * Here each sending thread borrows a connection of its own: the broker stores their mails concurrently, and KahaDB
 * writes and syncs the mails that arrive while it syncs in its next single write. A send still returns only once
 * its mail is synced. The message is the one James's queue sends (same properties, body in the journal).
 */
final class ParallelSendMailQueue extends ActiveMQCacheableMailQueue {
    private static final boolean NO_BLOB_MESSAGES = false;

    private final ConnectionFactory connectionFactory;
    private final ConcurrentLinkedQueue<Sender> idleSenders = new ConcurrentLinkedQueue<>();

    ParallelSendMailQueue(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decoratorFactory,
                          MailQueueName name, MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        super(connectionFactory, decoratorFactory, name, NO_BLOB_MESSAGES, metricFactory, gaugeRegistry);
        this.connectionFactory = connectionFactory;
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
    public void dispose() {
        for (Sender sender = idleSenders.poll(); sender != null; sender = idleSenders.poll()) {
            sender.close();
        }
        super.dispose();
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
            try {
                connection.close();
            } catch (JMSException e) {
                // Closing is best effort: the connection is dropped either way.
            }
        }
    }
}
