package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class RequeuerTest {
    private static final Duration DELAY = Duration.ofSeconds(1);

    /** A queue that cannot store the first {@code failures} mails, as on a full disk. */
    private static final class FullQueue implements MailQueue {
        private final AtomicInteger failuresLeft;
        private final List<Duration> stored = new CopyOnWriteArrayList<>();

        FullQueue(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public MailQueueName getName() {
            return MailQueueName.of("relay-outgoing");
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new MailQueueException("No space left on device");
            }
            stored.add(delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            enQueue(mail, Duration.ZERO);
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> {
                throw new UnsupportedOperationException();
            });
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.empty();
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingItem implements MailQueue.MailQueueItem {
        private final Mail mail;
        private final List<CompletionStatus> completions = new CopyOnWriteArrayList<>();

        RecordingItem(Mail mail) {
            this.mail = mail;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) {
            completions.add(status);
        }
    }

    private static RecordingItem item() throws Exception {
        return new RecordingItem(FakeMail.builder().name("mail1").build());
    }

    @Test
    void aCopyShouldBeQueuedWithItsDelayBeforeTheOriginalIsAcknowledged() throws Exception {
        FullQueue queue = new FullQueue(0);
        RecordingItem item = item();

        new Requeuer(queue, () -> false, Duration.ZERO).requeue(item, item.getMail(), DELAY);

        assertThat(queue.stored).containsExactly(DELAY);
        assertThat(item.completions).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
    }

    @Test
    void aQueueThatCannotStoreTheCopyShouldBeTriedAgainUntilItCanNeverRollingTheOriginalBack() throws Exception {
        FullQueue queue = new FullQueue(3);
        RecordingItem item = item();

        new Requeuer(queue, () -> false, Duration.ZERO).requeue(item, item.getMail(), DELAY);

        assertThat(queue.stored).containsExactly(DELAY);
        assertThat(item.completions).containsExactly(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
    }

    @Test
    void aStoppingRelayShouldHandTheOriginalBackWhenTheCopyCannotBeStored() throws Exception {
        FullQueue queue = new FullQueue(Integer.MAX_VALUE);
        RecordingItem item = item();

        new Requeuer(queue, () -> true, Duration.ZERO).requeue(item, item.getMail(), DELAY);

        assertThat(queue.stored).isEmpty();
        assertThat(item.completions).containsExactly(MailQueue.MailQueueItem.CompletionStatus.RETRY);
    }

    @Test
    void anInterruptedWaitShouldHandTheOriginalBack() throws Exception {
        FullQueue queue = new FullQueue(Integer.MAX_VALUE);
        RecordingItem item = item();

        Thread.currentThread().interrupt();
        try {
            new Requeuer(queue, () -> false, Duration.ofSeconds(30)).requeue(item, item.getMail(), DELAY);
        } finally {
            assertThat(Thread.interrupted()).as("the interruption is kept").isTrue();
        }

        assertThat(item.completions).containsExactly(MailQueue.MailQueueItem.CompletionStatus.RETRY);
    }
}
