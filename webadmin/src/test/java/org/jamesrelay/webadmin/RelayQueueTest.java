package org.jamesrelay.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory.MemoryCacheableMailQueue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.fge.lambdas.Throwing;

import reactor.core.publisher.Flux;

class RelayQueueTest {
    private static final Instant QUEUED_AT = Instant.parse("2026-01-10T11:00:00Z");
    private static final Duration RETRY_DELAY = Duration.ofHours(1);

    private final Clock clock = Clock.systemUTC();
    private MemoryCacheableMailQueue queue;
    private MemoryMailRepository hold;
    private RelayQueue relayQueue;

    @BeforeEach
    void setUp() throws Exception {
        queue = new MemoryCacheableMailQueue(MailQueueName.of("relay-outgoing"), new RawMailQueueItemDecoratorFactory(), clock);
        hold = new MemoryMailRepository();
        relayQueue = new RelayQueue(queue, hold, () -> QueueFixtures.ROUTES, clock);
        queue.enQueue(QueueFixtures.failedOnce("Mail-relay", "app@apps.test", QUEUED_AT, "via [127.0.0.1]:2601: connection refused",
            "x@relay.test", "y@other.test"), RETRY_DELAY);
        queue.enQueue(QueueFixtures.waiting("Mail-other", "news@apps.test", QUEUED_AT, "z@other.test"), RETRY_DELAY);
    }

    private static MailSelection select(String parameter, String value) {
        return MailSelection.parse(Map.of(parameter, value)::get);
    }

    private static MailSelection everything() {
        return MailSelection.parse(name -> null);
    }

    private List<String> queuedNames() throws Exception {
        return names(relayQueue.queued(everything()));
    }

    private List<String> heldNames() throws Exception {
        return names(relayQueue.held(everything()));
    }

    private static List<String> names(List<RelayQueue.Found> found) {
        RelayQueue.dispose(found);
        return found.stream().map(each -> each.view.name).sorted().collect(Collectors.toList());
    }

    @Test
    void listingJamessMemoryQueueShouldLeaveItsMailsDeliverable() throws Exception {
        MimeMessageWrapper spooled = new MimeMessageWrapper(MimeMessageInputStreamSource.create("Mail-spooled",
            new ByteArrayInputStream("Subject: spooled\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))));
        queue.enQueue(MailImpl.builder().name("Mail-spooled").sender("app@apps.test").addRecipient("x@relay.test")
            .mimeMessage(spooled).build());

        assertThat(queuedNames()).contains("Mail-spooled");

        queue.flush();
        List<String> subjects = Flux.from(queue.deQueue()).take(3)
            .map(Throwing.function(item -> item.getMail().getMessage().getSubject()))
            .collectList().block(Duration.ofSeconds(10));
        assertThat(subjects).contains("spooled");
    }

    @Test
    void aWaitingMailShowsItsRoutesAttemptsLastErrorAndNextAttempt() throws Exception {
        QueuedMail mail = relayQueue.queued(select("name", "Mail-relay")).get(0).view;

        assertThat(mail.sender).isEqualTo("app@apps.test");
        assertThat(mail.recipients).containsExactly("x@relay.test", "y@other.test");
        assertThat(mail.routes).extracting(group -> group.route.ruleId() + " " + group.recipients)
            .containsExactly("route:relay.test [x@relay.test]", "route:* [y@other.test]");
        assertThat(mail.queuedAt).contains(QUEUED_AT);
        assertThat(mail.attempts).isEqualTo(1);
        assertThat(mail.lastError).contains("via [127.0.0.1]:2601: connection refused");
        assertThat(mail.nextAttempt).hasValueSatisfying(next -> assertThat(next).isAfter(clock.instant().plus(Duration.ofMinutes(50))));
    }

    @Test
    void aMailNeverAttemptedHasNoAttemptAndNoError() throws Exception {
        QueuedMail mail = relayQueue.queued(select("name", "Mail-other")).get(0).view;

        assertThat(mail.attempts).isZero();
        assertThat(mail.lastError).isEmpty();
    }

    @Test
    void holdMovesTheSelectedMailFromTheQueueIntoTheHoldRepository() throws Exception {
        RelayQueue.Outcome outcome = relayQueue.hold(select("domain", "relay.test"));

        assertThat(outcome.done).containsExactly("Mail-relay");
        assertThat(outcome.busy).isEmpty();
        assertThat(queuedNames()).containsExactly("Mail-other");
        assertThat(heldNames()).containsExactly("Mail-relay");
        QueuedMail held = relayQueue.held(select("name", "Mail-relay")).get(0).view;
        assertThat(held.attempts).isEqualTo(1);
        assertThat(held.lastError).contains("via [127.0.0.1]:2601: connection refused");
        assertThat(held.nextAttempt).isEmpty();
    }

    @Test
    void releasePutsHeldMailBackIntoTheQueueDueNow() throws Exception {
        relayQueue.hold(select("name", "Mail-relay"));

        RelayQueue.Outcome outcome = relayQueue.release(select("sender", "app@apps.test"));

        assertThat(outcome.done).containsExactly("Mail-relay");
        assertThat(heldNames()).isEmpty();
        assertThat(queuedNames()).containsExactly("Mail-other", "Mail-relay");
        QueuedMail released = relayQueue.queued(select("name", "Mail-relay")).get(0).view;
        assertThat(released.nextAttempt).hasValueSatisfying(next -> assertThat(next).isBefore(clock.instant().plusSeconds(1)));
        assertThat(released.attempts).isEqualTo(1);
    }

    @Test
    void flushMakesTheSelectedMailDueNowAndLeavesTheOthersWaiting() throws Exception {
        RelayQueue.Outcome outcome = relayQueue.flush(select("route", "relay.test"));

        assertThat(outcome.done).containsExactly("Mail-relay");
        assertThat(heldNames()).isEmpty();
        Map<String, Instant> nextAttempts = relayQueue.queued(everything()).stream()
            .collect(Collectors.toMap(found -> found.view.name, found -> found.view.nextAttempt.orElseThrow()));
        assertThat(nextAttempts.get("Mail-relay")).isBefore(clock.instant().plusSeconds(1));
        assertThat(nextAttempts.get("Mail-other")).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
    }

    @Test
    void deleteRemovesTheSelectedMailOnly() throws Exception {
        RelayQueue.Outcome outcome = relayQueue.deleteQueued(select("sender", "news@apps.test"));

        assertThat(outcome.done).containsExactly("Mail-other");
        assertThat(queuedNames()).containsExactly("Mail-relay");
    }

    @Test
    void deleteHeldRemovesHeldMailOnly() throws Exception {
        relayQueue.hold(select("name", "Mail-relay"));

        assertThat(relayQueue.deleteHeld(select("name", "Mail-relay")).done).containsExactly("Mail-relay");
        assertThat(relayQueue.deleteHeld(select("name", "Mail-other")).done).isEmpty();
        assertThat(heldNames()).isEmpty();
        assertThat(queuedNames()).containsExactly("Mail-other");
    }

    @Test
    void mailThatADeliveryAttemptTookMeanwhileIsReportedBusyAndNotKeptOnHold() throws Exception {
        ManageableMailQueue takenMeanwhile = new MemoryCacheableMailQueue(MailQueueName.of("relay-outgoing"), new RawMailQueueItemDecoratorFactory(), clock) {
            @Override
            public long remove(Type type, String value) {
                return 0;
            }
        };
        takenMeanwhile.enQueue(QueueFixtures.waiting("Mail-taken", "app@apps.test", QUEUED_AT, "x@relay.test"), RETRY_DELAY);
        RelayQueue tools = new RelayQueue(takenMeanwhile, hold, () -> QueueFixtures.ROUTES, clock);

        RelayQueue.Outcome held = tools.hold(select("name", "Mail-taken"));
        RelayQueue.Outcome flushed = tools.flush(select("name", "Mail-taken"));

        assertThat(held.done).isEmpty();
        assertThat(held.busy).containsExactly("Mail-taken");
        assertThat(flushed.busy).containsExactly("Mail-taken");
        assertThat(hold.size()).isZero();
        assertThat(hold.retrieve(new MailKey("Mail-taken"))).isNull();
    }

    @Test
    void aMailWithoutItsFirstQueuingTimeIsNeverOlderThanAnAge() throws Exception {
        queue.clear();
        queue.enQueue(FakeMail.builder().name("Mail-unknown").sender("a@apps.test").recipient("x@relay.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("body")).build());

        assertThat(names(relayQueue.queued(select("olderThan", "1s")))).isEmpty();
        List<RelayQueue.Found> all = relayQueue.queued(everything());
        RelayQueue.dispose(all);
        assertThat(all).singleElement().satisfies(found -> assertThat(found.view.queuedAt).isEmpty());
    }
}
