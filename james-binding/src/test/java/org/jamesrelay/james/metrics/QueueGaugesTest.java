package org.jamesrelay.james.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.Disposable;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
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

    /** A mail like those the JMS queue builds for a browse: its message in a source of its own, for the browser to dispose. */
    private static final class CopiedMail {
        private final Mail mail;
        private final MimeMessageInputStreamSource source;

        CopiedMail(Instant lastUpdated) {
            String name = "mail-" + lastUpdated.toEpochMilli();
            this.mail = MailImpl.builder().name(name).lastUpdated(Date.from(lastUpdated)).build();
            this.source = MimeMessageInputStreamSource.create(name);
            try {
                ((MailImpl) mail).setMessageContent(source);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        ManageableMailQueue.MailQueueItemView view() {
            return new ManageableMailQueue.DefaultMailQueueItemView(mail);
        }

        boolean disposed() {
            Disposable.LeakAware.Resource resource = source.getResource();
            return resource.isDisposed();
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
                        return mails.next().view();
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
