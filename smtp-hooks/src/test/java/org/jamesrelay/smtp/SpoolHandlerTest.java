package org.jamesrelay.smtp;

import static org.apache.james.smtpserver.futurerelease.FutureReleaseMailParameterHook.FUTURERELEASE_HOLDFOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.smtpserver.futurerelease.FutureReleaseParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SpoolHandlerTest {
    @RegisterExtension
    final LogLines spoolLog = new LogLines(SpoolHandler.class.getName());

    /** A spool that keeps what it is given, or fails with the given exception. */
    private static final class Spool implements MailQueue, MailQueueFactory<Spool> {
        private final Optional<Exception> failure;
        private final List<String> queued = new ArrayList<>();
        private final List<Duration> delays = new ArrayList<>();

        private Spool(Optional<Exception> failure) {
            this.failure = failure;
        }

        @Override
        public MailQueueName getName() {
            return SPOOL;
        }

        @Override
        public void enQueue(Mail mail, Duration delay) throws MailQueueException {
            enQueue(mail);
            delays.add(delay);
        }

        @Override
        public void enQueue(Mail mail) throws MailQueueException {
            if (failure.isPresent()) {
                throw new MailQueueException("Unable to enqueue mail " + mail.getName(), failure.get());
            }
            queued.add(mail.getName());
        }

        @Override
        public Publisher<Void> enqueueReactive(Mail mail) {
            return Mono.fromRunnable(() -> queued.add(mail.getName()));
        }

        @Override
        public Publisher<MailQueueItem> deQueue() {
            return Flux.never();
        }

        @Override
        public void close() {
        }

        @Override
        public Optional<Spool> getQueue(MailQueueName name, PrefetchCount count) {
            return Optional.of(this);
        }

        @Override
        public Spool createQueue(MailQueueName name, PrefetchCount count) {
            return this;
        }

        @Override
        public Set<MailQueueName> listCreatedMailQueues() {
            return Set.of(SPOOL);
        }
    }

    private static HookResult spoolWith(Spool spool) throws Exception {
        return spoolWith(spool, FakeSession.from("127.0.0.2"));
    }

    private static HookResult spoolWith(Spool spool, FakeSession session) throws Exception {
        SpoolHandler handler = new SpoolHandler(spool);
        handler.init(new BaseHierarchicalConfiguration());
        return handler.onMessage(session, FakeMail.builder().name("m1").sender("a@local.test").recipient("b@relay.test").build());
    }

    @Test
    void shouldAnswer250OnlyOnceTheSpoolHoldsTheMail() throws Exception {
        Spool spool = new Spool(Optional.empty());

        HookResult result = spoolWith(spool);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(spool.queued).containsExactly("m1");
        assertThat(spool.delays).isEmpty();
        assertThat(spoolLog.lines()).containsExactly("INFO Queued mail m1 from a@local.test on 127.0.0.2 for [b@relay.test]");
    }

    @Test
    void shouldHoldAMailForTheDelayTheClientAskedFor() throws Exception {
        Spool spool = new Spool(Optional.empty());
        FakeSession session = FakeSession.from("127.0.0.2");
        session.setAttachment(FUTURERELEASE_HOLDFOR, FutureReleaseParameters.HoldFor.of(Duration.ofHours(2)), ProtocolSession.State.Transaction);

        HookResult result = spoolWith(spool, session);

        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(spool.queued).containsExactly("m1");
        assertThat(spool.delays).containsExactly(Duration.ofHours(2));
    }

    @Test
    void shouldAnswer452WhenTheDiskIsFull() throws Exception {
        HookResult result = spoolWith(new Spool(Optional.of(new RuntimeException("store failed", new IOException("No space left on device")))));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("452");
        assertThat(result.getSmtpDescription()).startsWith("4.3.1 Insufficient system storage");
        assertThat(spoolLog.lines()).containsExactly("ERROR Mail from a@local.test on 127.0.0.2 not accepted: it could not be queued "
            + "(storage full): IOException: No space left on device");
    }

    @Test
    void shouldAnswer452WhenTheBrokerStoreIsFull() throws Exception {
        class ResourceAllocationException extends Exception {
            ResourceAllocationException() {
                super("Usage Manager Store is Full, 100% of 1024");
            }
        }

        HookResult result = spoolWith(new Spool(Optional.of(new ResourceAllocationException())));

        assertThat(result.getSmtpRetCode()).isEqualTo("452");
    }

    @Test
    void shouldAnswer451OnAnyOtherQueueFailure() throws Exception {
        HookResult result = spoolWith(new Spool(Optional.of(new IOException("Input/output error"))));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.0 ");
        assertThat(spoolLog.lines()).containsExactly("ERROR Mail from a@local.test on 127.0.0.2 not accepted: it could not be queued "
            + "(queue failure): IOException: Input/output error");
    }
}
