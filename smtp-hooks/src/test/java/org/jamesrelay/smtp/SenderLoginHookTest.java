package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SenderLoginHookTest {
    private static final String[] POLICY = {
        "trusted-network 127.0.0.1/32",
        "relay-domain relay.test",
        "local-senders-require-login yes"
    };

    @RegisterExtension
    final LogLines decisions = new LogLines("org.jamesrelay.decisions");

    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
    }

    private HookResult mail(RelayPolicyService policy, SMTPSession session, MaybeSender sender) {
        return new SenderLoginHook(policy, new DecisionLog(new RelayMetrics(metrics))).doMail(session, sender);
    }

    private HookResult mail(SMTPSession session, String sender) throws Exception {
        return mail(Policies.applying(POLICY), session, MaybeSender.of(new MailAddress(sender)));
    }

    @Test
    void shouldLeaveAnAnonymousOutsideSenderToTheNextHooks() throws Exception {
        HookResult result = mail(FakeSession.from("127.0.0.2").helo("mx.outside.test"), "someone@outside.test");

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).containsExactly("DEBUG MAIL client=127.0.0.2 helo=mx.outside.test from=<someone@outside.test> to=<>: "
            + "SENDER_ACCEPTED [sender] 250 2.1.0 Sender OK");
        assertThat(metrics.countFor("james_relay_decision_mail_sender_accepted_sender")).isEqualTo(1);
    }

    @Test
    void shouldAcceptTheNullSender() {
        HookResult result = mail(Policies.applying(POLICY), FakeSession.from("127.0.0.2"), MaybeSender.nullSender());

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).containsExactly("DEBUG MAIL client=127.0.0.2 from=<> to=<>: SENDER_ACCEPTED [null-sender] 250 2.1.0 Sender OK");
    }

    @Test
    void shouldAcceptASenderTheLoginOwns() throws Exception {
        HookResult result = mail(FakeSession.from("127.0.0.2").login("alice@local.test"), "alias@local.test");

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).containsExactly("DEBUG MAIL client=127.0.0.2 login=alice@local.test from=<alias@local.test> to=<>: "
            + "SENDER_ACCEPTED [sender-login:alice@local.test] 250 2.1.0 Sender OK");
    }

    @Test
    void shouldRefuseASenderTheLoginDoesNotOwn() throws Exception {
        HookResult result = mail(FakeSession.from("127.0.0.2").login("alice@local.test"), "bob@local.test");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("553");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test");
        assertThat(decisions.lines()).containsExactly("INFO MAIL client=127.0.0.2 login=alice@local.test from=<bob@local.test> to=<>: "
            + "DENY [sender-login:alice@local.test] 553 5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test");
    }

    @Test
    void shouldRefuseALocalSenderFromAnAnonymousClientWhenThePolicyRequiresALogin() throws Exception {
        HookResult result = mail(FakeSession.from("127.0.0.2"), "bob@local.test");

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("553");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 <bob@local.test>: Sender address rejected: not logged in");
        assertThat(decisions.lines()).containsExactly("INFO MAIL client=127.0.0.2 from=<bob@local.test> to=<>: "
            + "DENY [local-senders-require-login] 553 5.7.1 <bob@local.test>: Sender address rejected: not logged in");
    }

    @Test
    void shouldAcceptALocalSenderFromATrustedNetworkWithoutLogin() throws Exception {
        assertThat(mail(FakeSession.from("127.0.0.1"), "bob@local.test")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void shouldAskToTryAgainLaterWhileThePolicyIsUnavailable() throws Exception {
        HookResult result = mail(Policies.unavailable(), FakeSession.from("127.0.0.2"), MaybeSender.of(new MailAddress("someone@outside.test")));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.3.0 Relay policy temporarily unavailable, try again later");
        assertThat(decisions.lines()).containsExactly("WARN MAIL client=127.0.0.2 from=<someone@outside.test> to=<>: "
            + "TEMPFAIL [policy-unavailable] 451 4.3.0 Relay policy temporarily unavailable, try again later WARNING: no relay policy read yet");
    }
}
