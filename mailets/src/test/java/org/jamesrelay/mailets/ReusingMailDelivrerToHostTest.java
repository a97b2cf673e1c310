package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.internet.InternetAddress;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.mail.smtp.SMTPSendFailedException;

class ReusingMailDelivrerToHostTest {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final SessionCache<TrackedSmtpTransport> sessions = new SessionCache<>(
        new ConnectionReuse(true, 4, Duration.ofSeconds(30), Duration.ofSeconds(300), 0),
        ReusingMailDelivrerToHost::close, System::nanoTime);
    private ReusingMailDelivrerToHost deliverer = deliverer(READ_TIMEOUT_MILLIS, true);
    private ScriptedHop hop;

    private ReusingMailDelivrerToHost deliverer(int readTimeoutMillis, boolean pipelining) {
        return deliverer(readTimeoutMillis, pipelining, false);
    }

    private ReusingMailDelivrerToHost deliverer(int readTimeoutMillis, boolean pipelining, boolean sendPartial) {
        FakeMailetConfig config = FakeMailetConfig.builder()
            .mailetName("RouteDelivery")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("heloName", "relay.test")
            .setProperty("timeout", String.valueOf(readTimeoutMillis))
            .setProperty("sendpartial", String.valueOf(sendPartial))
            .build();
        return new ReusingMailDelivrerToHost(new RemoteDeliveryConfiguration(config, null), FakeMailContext.defaultContext(),
            sessions, pipelining);
    }

    @AfterEach
    void tearDown() throws Exception {
        sessions.closeAll();
        hop.close();
    }

    private void deliver(String subject) throws Exception {
        deliver(subject, "someone@hop.test");
    }

    private void deliver(String subject, String... recipients) throws Exception {
        Mail mail = FakeMail.builder()
            .name(subject)
            .sender("sender@relay.test")
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).setText("Hello"))
            .build();
        deliverer.tryDeliveryToHost(mail, List.of(InternetAddress.parse(String.join(",", recipients))),
            new HostAddress("127.0.0.1", "smtp://127.0.0.1:" + hop.port()));
    }

    @Test
    void mailsToOneHopTravelOverOneSessionResetBetweenMails() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> Optional.of(usual));

        deliver("first");
        deliver("second");
        deliver("third");

        assertThat(hop.messages()).hasSize(3);
        assertThat(hop.connections()).isEqualTo(1);
        assertThat(hop.commands()).containsSubsequence("EHLO", "MAIL", "RCPT", "DATA", ".", "RSET", "MAIL", "RSET", "MAIL");
    }

    @Test
    void closingASessionDoesNotWaitForTheReplyToQuit() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> Optional.of(verb.equals("QUIT") ? "" : usual));
        deliver("first");

        assertTimeoutPreemptively(Duration.ofSeconds(5), sessions::closeAll, "the read timeout is 10 s");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hop.commands()).contains("QUIT"));
    }

    @Test
    void aSessionTheHopClosedMeanwhileIsReplacedByANewOne() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals("RSET") ? Optional.empty() : Optional.of(usual));

        deliver("first");
        deliver("second");

        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(2);
    }

    @Test
    void aReusedSessionAnswering421ToMailIsReplacedAndTheMailSentOnce() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals("MAIL") && accepted > 0
            ? Optional.of("421 4.7.0 too many messages")
            : Optional.of(usual));

        deliver("first");
        deliver("second");

        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(2);
    }

    @Test
    void aReusedSessionDroppedAtDataIsReplacedAndTheMailSentOnce() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals("DATA") && accepted > 0 ? Optional.empty() : Optional.of(usual));

        deliver("first");
        deliver("second");

        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(2);
    }

    @Test
    void aMailWhoseEndOfDataWentUnansweredIsNeverSentAgain() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals(".") && accepted > 0 ? Optional.empty() : Optional.of(usual));
        deliver("first");

        assertThatThrownBy(() -> deliver("second")).isInstanceOf(MessagingException.class);
        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(1);
    }

    @Test
    void aPermanentRefusalOnAReusedSessionIsTheMailsOwn() throws Exception {
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals("MAIL") && accepted > 0
            ? Optional.of("550 5.7.1 sender refused")
            : Optional.of(usual));
        deliver("first");

        assertThatThrownBy(() -> deliver("second")).isInstanceOf(MessagingException.class);
        assertThat(hop.connections()).isEqualTo(1);
    }

    @Test
    void aSessionThatFailedIsNeverReused() throws Exception {
        AtomicInteger endsOfData = new AtomicInteger();
        hop = new ScriptedHop((verb, accepted, usual) -> verb.equals(".") && endsOfData.getAndIncrement() == 0
            ? Optional.of("451 4.3.0 try again")
            : Optional.of(usual));

        assertThatThrownBy(() -> deliver("first")).isInstanceOf(MessagingException.class);
        deliver("second");

        assertThat(hop.connections()).isEqualTo(2);
    }

    @Test
    void aHopOfferingPipeliningGetsEachTransactionsCommandsInOneGroup() throws Exception {
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> Optional.of(usual), true);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            deliver("first", "one@hop.test", "two@hop.test");
            deliver("second", "one@hop.test", "two@hop.test");
        }, "a client waiting for each reply waits for the read timeout, 10 s");

        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(1);
        assertThat(hop.commands()).containsSubsequence("MAIL", "RCPT", "RCPT", "DATA", ".", "RSET", "MAIL", "RCPT", "RCPT", "DATA", ".");
    }

    @Test
    void withPipeliningOffEachCommandWaitsForItsReply() throws Exception {
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> Optional.of(usual), true);
        deliverer = deliverer(1_000, false);

        assertThatThrownBy(() -> deliver("lockstep")).isInstanceOf(MessagingException.class);
        assertThat(hop.commands()).containsSubsequence("EHLO", "MAIL").doesNotContain("RCPT");
        assertThat(hop.messages()).isEmpty();
    }

    @Test
    void aRecipientRefusedInAGroupIsReportedAsInLockstepAndNoMessageIsSent() throws Exception {
        AtomicInteger recipients = new AtomicInteger();
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> Optional.of(verb.equals("RCPT") && recipients.incrementAndGet() == 2
            ? "550 5.1.1 no such user"
            : verb.equals("DATA") ? "554 5.5.1 no valid recipients" : usual), false);

        assertThatThrownBy(() -> deliver("refused", "one@hop.test", "two@hop.test"))
            .isInstanceOfSatisfying(SendFailedException.class, e -> {
                assertThat(e.getInvalidAddresses()).extracting(Object::toString).containsExactly("two@hop.test");
                assertThat(e.getValidUnsentAddresses()).extracting(Object::toString).containsExactly("one@hop.test");
            });
        assertThat(hop.messages()).isEmpty();
        assertThat(hop.commands()).containsSubsequence("MAIL", "RCPT", "RCPT", "DATA", "RSET");
    }

    @Test
    void withSendPartialARecipientRefusedInAGroupLeavesTheOthersDelivered() throws Exception {
        AtomicInteger recipients = new AtomicInteger();
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> Optional.of(verb.equals("RCPT") && recipients.incrementAndGet() == 2
            ? "550 5.1.1 no such user"
            : usual), true);
        deliverer = deliverer(READ_TIMEOUT_MILLIS, true, true);

        assertThatThrownBy(() -> deliver("partly refused", "one@hop.test", "two@hop.test"))
            .isInstanceOfSatisfying(SendFailedException.class, e -> {
                assertThat(e.getValidSentAddresses()).extracting(Object::toString).containsExactly("one@hop.test");
                assertThat(e.getInvalidAddresses()).extracting(Object::toString).containsExactly("two@hop.test");
            });
        assertThat(hop.messages()).hasSize(1);
    }

    @Test
    void aSenderRefusedInAGroupFailsTheMailWithItsReplyAndTheSessionStaysInStep() throws Exception {
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> Optional.of(verb.equals("MAIL")
            ? "550 5.7.1 sender refused"
            : verb.equals("RCPT") || verb.equals("DATA") ? "503 5.5.1 need MAIL" : usual), false);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> deliver("refused sender"))
            .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> assertThat(e.getReturnCode()).isEqualTo(550)));
        assertThat(hop.messages()).isEmpty();
        assertThat(hop.commands()).containsSubsequence("MAIL", "RCPT", "DATA", "RSET");
    }

    @Test
    void aReusedSessionWhoseResetFailsInAGroupIsReplacedAndTheMailSentOnce() throws Exception {
        hop = ScriptedHop.pipelining((verb, accepted, usual) -> verb.equals("RSET") ? Optional.of("421 4.4.2 idle too long") : Optional.of(usual), false);

        deliver("first");
        deliver("second");

        assertThat(hop.messages()).hasSize(2);
        assertThat(hop.connections()).isEqualTo(2);
    }
}
