package org.jamesrelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.ConsumerInfo;
import org.apache.activemq.command.Message;
import org.apache.activemq.command.TransactionId;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

class ParallelMailQueueTest {
    private static final MailQueueName QUEUE = MailQueueName.of("spool");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SECOND_CALL_WAIT_SECONDS = 5;
    private static final int MAILS = 20;

    @TempDir
    Path store;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void anEnqueueReachesTheStoreWhileAnotherIsStillBeingStored() throws Exception {
        Overlaps sends = new Overlaps();
        broker = new EmbeddedBroker(store.toFile(), List.of(next -> new BrokerFilter(next) {
            @Override
            public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
                sends.hold(() -> super.send(exchange, message));
            }
        }));
        MailQueue queue = queue();

        inTwoThreads(() -> enqueue(queue, "first"), () -> enqueue(queue, "second"));

        assertThat(sends.mostAtOnce()).as("sends being stored at the same moment").isEqualTo(2);
        assertThat(Flux.from(queue.deQueue()).take(2).map(item -> item.getMail().getName()).collectList().block(WAIT))
            .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aDequeueCommitsWhileAnotherIsStillCommitting() throws Exception {
        Overlaps commits = new Overlaps();
        broker = new EmbeddedBroker(store.toFile(), List.of(next -> new BrokerFilter(next) {
            @Override
            public void commitTransaction(ConnectionContext context, TransactionId transaction, boolean onePhase) throws Exception {
                commits.hold(() -> super.commitTransaction(context, transaction, onePhase));
            }
        }));
        MailQueue queue = queue();
        enqueue(queue, "first");
        enqueue(queue, "second");
        List<MailQueue.MailQueueItem> items = Flux.from(queue.deQueue()).take(2).collectList().block(WAIT);

        inTwoThreads(() -> done(items.get(0)), () -> done(items.get(1)));

        assertThat(commits.mostAtOnce()).as("dequeues being committed at the same moment").isEqualTo(2);
        assertThat(((ManageableMailQueue) queue).getSize()).isZero();
    }

    @Test
    void aDequeueAfterACommittedOneTakesItsSessionAndConsumer() throws Exception {
        AtomicInteger consumersOpened = new AtomicInteger();
        broker = new EmbeddedBroker(store.toFile(), List.of(next -> new BrokerFilter(next) {
            @Override
            public Subscription addConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
                if (info.getDestination().getPhysicalName().equals(QUEUE.asString())) {
                    consumersOpened.incrementAndGet();
                }
                return super.addConsumer(context, info);
            }
        }));
        MailQueue queue = queue();
        for (int i = 0; i < MAILS; i++) {
            enqueue(queue, "mail-" + i);
        }

        List<String> delivered = Flux.from(queue.deQueue()).take(MAILS)
            .doOnNext(ParallelMailQueueTest::commit)
            .map(item -> item.getMail().getName())
            .collectList().block(WAIT);

        assertThat(delivered).hasSize(MAILS).doesNotHaveDuplicates();
        // A consumer per second at most (its selector names the second), not one per mail.
        assertThat(consumersOpened.get()).isLessThan(MAILS / 2);
        assertThat(((ManageableMailQueue) queue).getSize()).isZero();
    }

    @Test
    void enqueuesOneAfterAnotherAreAllStored() throws Exception {
        broker = new EmbeddedBroker(store.toFile());
        MailQueue queue = queue();

        for (int i = 0; i < 20; i++) {
            enqueue(queue, "mail-" + i);
        }

        assertThat(Flux.from(queue.deQueue()).take(20).count().block(WAIT)).isEqualTo(20);
    }

    private MailQueue queue() {
        return new DurableQueueModule().mailQueueFactory(broker.connectionFactory(), new RawMailQueueItemDecoratorFactory(),
            new RecordingMetricFactory(), new NoopGaugeRegistry()).createQueue(QUEUE);
    }

    private static Void enqueue(MailQueue queue, String name) throws Exception {
        queue.enQueue(mail(name));
        return null;
    }

    private static void commit(MailQueue.MailQueueItem item) {
        try {
            done(item);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Void done(MailQueue.MailQueueItem item) throws Exception {
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        return null;
    }

    private static void inTwoThreads(Callable<Void> one, Callable<Void> other) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> done : threads.invokeAll(List.of(one, other), WAIT.toSeconds(), TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Mail mail(String name) throws Exception {
        return FakeMail.builder().name(name).sender("a@local.test").recipient("b@relay.test").lastUpdated(new Date())
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText("body"))
            .build();
    }

    /** Holds the first call in the broker until a second one arrives (or a few seconds pass), counting overlaps. */
    private static final class Overlaps {
        private final CountDownLatch secondArrived = new CountDownLatch(1);
        private final AtomicInteger arrived = new AtomicInteger();
        private final AtomicInteger inProgress = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();

        interface BrokerCall {
            void run() throws Exception;
        }

        void hold(BrokerCall call) throws Exception {
            mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
            try {
                if (arrived.incrementAndGet() == 1) {
                    secondArrived.await(SECOND_CALL_WAIT_SECONDS, TimeUnit.SECONDS);
                } else {
                    secondArrived.countDown();
                }
                call.run();
            } finally {
                inProgress.decrementAndGet();
            }
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }
    }
}
