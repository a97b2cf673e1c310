package org.jamesrelay.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.jms.JMSException;
import javax.jms.Session;

import org.apache.activemq.ActiveMQConnection;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQMessageConsumer;
import org.apache.activemq.ActiveMQSession;
import org.apache.activemq.command.TransactionInfo;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The broker on a small tmpfs of its own, filled up while mail is enqueued from several threads at once: the way
 * KahaDB's journal writer stops ({@code Async Writer Thread Shutdown}) under the writes that race the first
 * no-space error. Needs root (mount); skipped otherwise.
 */
class EmbeddedBrokerFullDiskTest {
    private static final MailQueueName QUEUE = MailQueueName.of("relay-outgoing");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SENDERS = 8;
    private static final int MAILS_PER_SENDER = 12;
    private static final String BODY = "x".repeat(16 * 1024);

    @TempDir
    Path directory;

    private Path store;
    private boolean mounted;
    private EmbeddedBroker broker;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        store = Files.createDirectories(directory.resolve("store"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", store.toString()) == 0;
        assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void stopAndUnmount() throws Exception {
        if (broker != null) {
            broker.stop();
        }
        if (mounted) {
            run("umount", store.toString());
        }
    }

    @RepeatedTest(3)
    void sendsRacingTheFirstNoSpaceErrorFailAsStorageFullAndTheBrokerAcceptsMailAgainOnceSpaceReturns() throws Exception {
        ManageableMailQueue queue = queue();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        queue.enQueue(mail("before"));
        stored.add("before");

        Path filler = fill(store);
        List<Exception> failures = sendConcurrently(queue, stored);
        Files.delete(filler);

        assertThat(failures).as("sends refused while the disk is full").isNotEmpty();
        assertThat(failures).allSatisfy(failure -> assertThat(EmbeddedBrokerFullDiskTest.isStorageFull(failure))
            .as("%s", describe(failure)).isTrue());
        queue.enQueue(mail("after"));
        stored.add("after");

        broker.stop();
        broker = null;
        ManageableMailQueue reopened = queue();
        List<MailQueue.MailQueueItem> items = Flux.from(reopened.deQueue()).take(stored.size()).collectList().block(WAIT);
        for (MailQueue.MailQueueItem item : items) {
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        }
        assertThat(items).extracting(item -> item.getMail().getName()).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(reopened.getSize()).isZero();
    }

    @Test
    void aMessageWhoseDequeueCommitAndRollbackFailOnTheFullDiskIsDequeuedAgainOnceSpaceReturns() throws Exception {
        ManageableMailQueue queue = queue();
        queue.enQueue(mail("committed-on-a-full-disk"));

        // The transaction's records carry the connection's id: a long one makes each of them larger than a page of
        // the file system, so that the full disk refuses the commit's record and its rollback's, as it does when a
        // large mail's write shares their batch.
        ActiveMQConnectionFactory relayFactory = (ActiveMQConnectionFactory) broker.connectionFactory();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(relayFactory.getBrokerURL());
        factory.setPrefetchPolicy(relayFactory.getPrefetchPolicy());
        factory.setConnectionIDPrefix("dequeue-" + "x".repeat(8192));
        ActiveMQConnection connection = (ActiveMQConnection) factory.createConnection();
        try {
            connection.start();
            ActiveMQSession session = (ActiveMQSession) connection.createSession(true, Session.SESSION_TRANSACTED);
            ActiveMQMessageConsumer consumer = (ActiveMQMessageConsumer) session.createConsumer(session.createQueue(QUEUE.asString()));
            assertThat(consumer.receive(WAIT.toMillis())).isNotNull();
            // What a dequeue's commit sends, with the disk filling in between: the acknowledgement, stored in the
            // transaction (a synchronous command after it makes sure), then the commit itself, sent as the client
            // does but without acknowledging a second time.
            consumer.acknowledge();
            session.createConsumer(session.createQueue("round-trip")).close();
            TransactionInfo commit = new TransactionInfo(connection.getConnectionInfo().getConnectionId(),
                session.getTransactionContext().getTransactionId(), TransactionInfo.COMMIT_ONE_PHASE);
            Path filler = fill(store);
            assertThatThrownBy(() -> connection.syncSendPacket(commit)).as("the commit on the full disk").isInstanceOf(JMSException.class);
            Files.delete(filler);
        } finally {
            connection.close();
        }

        MailQueue.MailQueueItem item = Flux.from(queue.deQueue()).subscribeOn(Schedulers.boundedElastic()).blockFirst(WAIT);
        assertThat(item.getMail().getName()).isEqualTo("committed-on-a-full-disk");
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(queue.getSize()).isZero();
    }

    private ManageableMailQueue queue() throws Exception {
        broker = new EmbeddedBroker(store.toFile());
        ActiveMQMailQueueFactory factory = new DurableQueueModule().mailQueueFactory(broker.connectionFactory(),
            new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(), new NoopGaugeRegistry());
        return factory.createQueue(QUEUE);
    }

    private List<Exception> sendConcurrently(MailQueue queue, List<String> stored) throws Exception {
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Callable<Void>> sends = IntStream.range(0, SENDERS)
                .mapToObj(sender -> (Callable<Void>) () -> {
                    for (int i = 0; i < MAILS_PER_SENDER; i++) {
                        String name = "full-" + sender + "-" + i;
                        try {
                            queue.enQueue(mail(name));
                            stored.add(name);
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }
                    return null;
                })
                .collect(Collectors.toList());
            for (Future<Void> done : senders.invokeAll(sends, WAIT.toSeconds(), TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return failures;
    }

    private static boolean isStorageFull(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("ResourceAllocationException")
                || String.valueOf(cause.getMessage()).contains("No space left")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return chain.toString();
    }

    private static Mail mail(String name) throws Exception {
        return FakeMail.builder().name(name).sender("a@local.test").recipient("b@relay.test").lastUpdated(new Date())
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText(BODY))
            .build();
    }

    /** Writes a file until the file system has no room left. */
    private static Path fill(Path directory) throws IOException {
        Path filler = directory.resolve("filler");
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left");
        }
        return filler;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
