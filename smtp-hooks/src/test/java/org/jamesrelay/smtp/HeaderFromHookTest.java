package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeaderFromHookTest {
    private static final String[] POLICY = {
        "relay-domain relay.test",
        "header-from-must-be-owned yes"
    };
    private static final FakeSession ALICE = FakeSession.from("127.0.0.2").login("alice@local.test").tlsStarted();

    @RegisterExtension
    final LogLines decisions = new LogLines("org.jamesrelay.decisions");

    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
    }

    private HookResult data(RelayPolicyService policy, FakeSession session, Mail mail) {
        return new HeaderFromHook(policy, new DecisionLog(new RelayMetrics(metrics))).onMessage(session, mail);
    }

    private HookResult data(FakeSession session, Mail mail) {
        return data(Policies.applying(POLICY), session, mail);
    }

    private static Mail mailFrom(String... fromHeaders) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("test").setText("body");
        for (String from : fromHeaders) {
            message.addHeader("From", from);
        }
        return FakeMail.builder().name("m1").sender("alice@local.test").recipient("b@elsewhere.test").mimeMessage(message).build();
    }

    private static void assertRefused(HookResult result, String description) {
        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo(description);
    }

    @Test
    void shouldNotDecideForAnAnonymousClient() throws Exception {
        HookResult result = data(FakeSession.from("127.0.0.2"), mailFrom("Bob <bob@local.test>"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).isEmpty();
        assertThat(metrics.countFor("james_relay_smtp_reply_550")).isZero();
    }

    @Test
    void shouldAcceptFromAddressesTheLoginOwns() throws Exception {
        HookResult result = data(ALICE, mailFrom("Alice <alice@local.test>, Alias <alias@local.test>"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).containsExactly("DEBUG DATA client=127.0.0.2 login=alice@local.test tls from=<alice@local.test> to=<>: "
            + "SENDER_ACCEPTED [header-from-must-be-owned] 250 2.6.0 Message accepted");
        assertThat(metrics.countFor("james_relay_decision_data_sender_accepted_header_from_must_be_owned")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAFromAddressTheLoginDoesNotOwn() throws Exception {
        HookResult result = data(ALICE, mailFrom("Alice <alice@local.test>, Bob <bob@local.test>"));

        assertRefused(result, "5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test");
        assertThat(decisions.lines()).containsExactly("INFO DATA client=127.0.0.2 login=alice@local.test tls from=<alice@local.test> to=<>: "
            + "DENY [header-from-must-be-owned] 550 5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test");
    }

    @Test
    void shouldReadEveryFromHeader() throws Exception {
        HookResult result = data(ALICE, mailFrom("alice@local.test", "bob@local.test"));

        assertRefused(result, "5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test");
    }

    @Test
    void shouldRefuseAFromHeaderThatDoesNotParse() throws Exception {
        HookResult result = data(ALICE, mailFrom("Alice <alice@local.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 From: header address 'Alice <alice@local.test' is not valid: ");
    }

    @Test
    void shouldAcceptAMessageWithoutFromHeader() throws Exception {
        assertThat(data(ALICE, mailFrom())).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void shouldAcceptAnyFromAddressWhenThePolicyDoesNotAskForOwnership() throws Exception {
        HookResult result = data(Policies.applying("relay-domain relay.test"), ALICE, mailFrom("bob@local.test"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void shouldAskToTryAgainLaterWhileThePolicyIsUnavailable() throws Exception {
        HookResult result = data(Policies.unavailable(), ALICE, mailFrom("alice@local.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(decisions.lines()).containsExactly("WARN DATA client=127.0.0.2 login=alice@local.test tls from=<alice@local.test> to=<>: "
            + "TEMPFAIL [policy-unavailable] 451 4.3.0 Relay policy temporarily unavailable, try again later WARNING: no relay policy read yet");
    }
}
