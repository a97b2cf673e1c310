package org.jamesrelay.james.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.lifecycle.api.Disposable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

class QueueGaugesTest {
    private static final MailQueueName QUEUE = MailQueueName.of("relay");

    @Test
    void oldestAgeShouldDisposeTheMailsACopyingQueueBuiltForTheBrowse() {
        Instant now = Instant.now();
        List<CopiedMail> browsed = List.of(new CopiedMail(now.minus(Duration.ofMinutes(5))), new CopiedMail(now.minusSeconds(1)));
        QueueGauges gauges = new QueueGauges(noGauges(), factoryOf(copyingQueue(browsed)));

        long age = gauges.oldestAgeSeconds(QUEUE);

        assertThat(age).isBetween(300L, 310L);
        assertThat(browsed).allMatch(CopiedMail::disposed);
    }

    /** A view like the JMS queue's: a mail built for this browse only, released by dispose(). */
    private static final class CopiedMail implements ManageableMailQueue.MailQueueItemView, Disposable {
        private final Mail mail;
        private final AtomicBoolean disposed = new AtomicBoolean();

        CopiedMail(Instant lastUpdated) {
            this.mail = MailImpl.builder().name("mail-" + lastUpdated.toEpochMilli()).lastUpdated(Date.from(lastUpdated)).build();
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public Optional<java.time.ZonedDateTime> getNextDelivery() {
            return Optional.empty();
        }

        @Override
        public void dispose() {
            disposed.set(true);
        }

        boolean disposed() {
            return disposed.get();
        }
    }

    private static ManageableMailQueue copyingQueue(List<CopiedMail> views) {
        return proxy(ManageableMailQueue.class, (method, args) -> {
            if (method.equals("browse")) {
                Iterator<CopiedMail> mails = views.iterator();
                return new ManageableMailQueue.MailQueueIterator() {
                    @Override
                    public boolean hasNext() {
                        return mails.hasNext();
                    }

                    @Override
                    public ManageableMailQueue.MailQueueItemView next() {
                        return mails.next();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private static MailQueueFactory<?> factoryOf(ManageableMailQueue queue) {
        return proxy(MailQueueFactory.class, (method, args) -> {
            if (method.equals("getQueue") && QUEUE.equals(args[0])) {
                return Optional.of(queue);
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private static GaugeRegistry noGauges() {
        return proxy(GaugeRegistry.class, (method, args) -> {
            throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
            (self, method, args) -> answer.answer(method.getName(), args));
    }
}
