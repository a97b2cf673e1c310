package org.jamesrelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

class EmbeddedBrokerTest {
    private static final MailQueueName QUEUE = MailQueueName.of("relay-outgoing");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path store;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    private MailQueue queue() throws Exception {
        broker = new EmbeddedBroker(store.toFile());
        ActiveMQMailQueueFactory factory = new DurableQueueModule().mailQueueFactory(broker.connectionFactory(),
            new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(), new NoopGaugeRegistry());
        return factory.createQueue(QUEUE);
    }

    private void restart() throws Exception {
        broker.stop();
        broker = null;
    }

    private static Mail mail(String name) throws Exception {
        return FakeMail.builder().name(name).sender("a@local.test").recipient("b@relay.test").lastUpdated(new Date())
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText("body of " + name))
            .build();
    }

    private static MailQueue.MailQueueItem next(MailQueue queue) {
        return Flux.from(queue.deQueue()).blockFirst(WAIT);
    }

    @Test
    void aQueuedMailOutlivesTheBrokerWithItsRecipientsAndBody() throws Exception {
        queue().enQueue(mail("m1"));
        restart();

        MailQueue.MailQueueItem item = next(queue());

        assertThat(item.getMail().getName()).isEqualTo("m1");
        assertThat(item.getMail().getRecipients()).extracting(Object::toString).containsExactly("b@relay.test");
        assertThat(item.getMail().getMessage().getContent()).isEqualTo("body of m1");
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
    }

    @Test
    void aMailTakenButNotAcknowledgedIsOfferedAgainAfterARestart() throws Exception {
        MailQueue queue = queue();
        queue.enQueue(mail("m2"));
        assertThat(next(queue).getMail().getName()).isEqualTo("m2");
        restart();

        assertThat(next(queue()).getMail().getName()).isEqualTo("m2");
    }

    @Test
    void aMailRolledBackManyTimesIsNeverMovedToADeadLetterQueue() throws Exception {
        MailQueue queue = queue();
        queue.enQueue(mail("m3"));
        for (int rollback = 0; rollback < 10; rollback++) {
            next(queue).done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        }

        assertThat(next(queue).getMail().getName()).isEqualTo("m3");
    }

    @Test
    void theBrokerOpensNoNetworkListenerAndKeepsItsStoreWhereItIsTold() throws Exception {
        queue().enQueue(mail("m4"));

        assertThat(new File(store.toFile(), "kahadb")).isDirectory();
        assertThat(new File(store.toFile(), "kahadb/db.data")).exists();
        assertThat(broker.networkListeners()).isEmpty();
    }

    @Test
    void mailsEnqueuedConcurrentlyAreAllStoredAndSurviveARestart() throws Exception {
        MailQueue queue = queue();
        List<String> names = IntStream.range(0, 40).mapToObj(i -> "c" + i).collect(Collectors.toList());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> sends = names.stream()
                .map(name -> (Callable<Void>) () -> {
                    queue.enQueue(mail(name));
                    return null;
                })
                .collect(Collectors.toList());
            for (Future<Void> sent : senders.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            senders.shutdownNow();
        }
        restart();

        List<MailQueue.MailQueueItem> items = Flux.from(queue().deQueue()).take(names.size()).collectList().block(WAIT);
        for (MailQueue.MailQueueItem item : items) {
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        }
        List<String> dequeued = items.stream().map(item -> item.getMail().getName()).collect(Collectors.toList());
        assertThat(dequeued).containsExactlyInAnyOrderElementsOf(names);
    }
}
