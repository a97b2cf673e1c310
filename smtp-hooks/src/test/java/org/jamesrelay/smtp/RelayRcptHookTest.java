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
import org.jamesrelay.smtp.FakeSession.AuthAnnounce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RelayRcptHookTest {
    private static final String[] POLICY = {
        "trusted-network 127.0.0.1/32",
        "relay-domain relay.test",
        "authenticated-relay tls-only"
    };

    @RegisterExtension
    final LogLines decisions = new LogLines("org.jamesrelay.decisions");

    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
    }

    private HookResult rcpt(RelayPolicyService policy, SMTPSession session, String sender, String recipient) throws Exception {
        RelayRcptHook hook = new RelayRcptHook(policy, new DecisionLog(new RelayMetrics(metrics)));
        return hook.doRcpt(session, sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(sender)),
            new MailAddress(recipient));
    }

    private HookResult rcpt(SMTPSession session, String sender, String recipient) throws Exception {
        return rcpt(Policies.applying(POLICY), session, sender, recipient);
    }

    private static void assertRefused(HookResult result, HookReturnCode code, String smtpCode, String description) {
        assertThat(result.getResult()).isEqualTo(code);
        assertThat(result.getSmtpRetCode()).isEqualTo(smtpCode);
        assertThat(result.getSmtpDescription()).isEqualTo(description);
    }

    @Test
    void shouldAcceptARelayFromATrustedNetwork() throws Exception {
        HookResult result = rcpt(FakeSession.from("127.0.0.1").helo("app.test"), "app@outside.test", "b@elsewhere.test");

        assertThat(result).isEqualTo(HookResult.OK);
        assertThat(decisions.lines()).containsExactly("DEBUG RCPT client=127.0.0.1 helo=app.test from=<app@outside.test> to=<b@elsewhere.test>: "
            + "RELAY [trusted-network:127.0.0.1/32] 250 2.1.5 Recipient OK (trusted network)");
    }

    @Test
    void shouldAcceptARelayDomainRecipientFromAnyone() throws Exception {
        HookResult result = rcpt(FakeSession.from("127.0.0.2"), "someone@outside.test", "info@relay.test");

        assertThat(result).isEqualTo(HookResult.OK);
        assertThat(decisions.lines()).containsExactly("DEBUG RCPT client=127.0.0.2 from=<someone@outside.test> to=<info@relay.test>: "
            + "RELAY_DOMAIN [relay-domain:relay.test] 250 2.1.5 Recipient OK (relay domain)");
    }

    @Test
    void shouldLeaveALocalRecipientToTheNextHooks() throws Exception {
        HookResult result = rcpt(FakeSession.from("127.0.0.2"), "", "bob@local.test");

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(decisions.lines()).containsExactly("DEBUG RCPT client=127.0.0.2 from=<> to=<bob@local.test>: "
            + "LOCAL [local-domain:local.test] 250 2.1.5 Recipient OK (local)");
    }

    @Test
    void shouldDenyRelayToAnAnonymousClientWhereAuthIsNotOffered() throws Exception {
        HookResult result = rcpt(FakeSession.from("127.0.0.2"), "someone@outside.test", "b@elsewhere.test");

        assertRefused(result, HookReturnCode.deny(), "550", "5.7.1 <b@elsewhere.test>: Relay access denied");
        assertThat(decisions.lines()).containsExactly("INFO RCPT client=127.0.0.2 from=<someone@outside.test> to=<b@elsewhere.test>: "
            + "DENY [relay-denied] 550 5.7.1 <b@elsewhere.test>: Relay access denied");
    }

    @Test
    void shouldAskAnAnonymousClientToAuthenticateWhereAuthIsAnnounced() throws Exception {
        HookResult result = rcpt(FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.ALWAYS), "someone@outside.test", "b@elsewhere.test");

        assertRefused(result, HookReturnCode.deny(), "530", "5.7.0 Authentication required");
        assertThat(decisions.lines()).containsExactly("INFO RCPT client=127.0.0.2 from=<someone@outside.test> to=<b@elsewhere.test>: "
            + "DENY [authentication-required] 530 5.7.0 Authentication required");
    }

    @Test
    void shouldAskAnAnonymousClientToAuthenticateWhereAuthIsAnnouncedAfterStartTls() throws Exception {
        FakeSession session = FakeSession.from("127.0.0.2").authAnnounced(AuthAnnounce.AFTER_TLS).startTlsOffered();

        assertRefused(rcpt(session, "someone@outside.test", "b@elsewhere.test"), HookReturnCode.deny(), "530", "5.7.0 Authentication required");
    }

    @Test
    void shouldAskALoggedInClientForStartTlsWhenThePolicyRelaysOnlyOverTls() throws Exception {
        FakeSession session = FakeSession.from("127.0.0.2").login("alice@local.test").startTlsOffered();

        HookResult result = rcpt(session, "alice@local.test", "b@elsewhere.test");

        assertRefused(result, HookReturnCode.deny(), "530", "5.7.0 Must issue a STARTTLS command first");
        assertThat(decisions.lines()).containsExactly("INFO RCPT client=127.0.0.2 login=alice@local.test from=<alice@local.test> "
            + "to=<b@elsewhere.test>: DENY [authenticated-relay] 530 5.7.0 Must issue a STARTTLS command first");
    }

    @Test
    void shouldAcceptARelayFromALoggedInClientOverTls() throws Exception {
        FakeSession session = FakeSession.from("127.0.0.2").login("alice@local.test").tlsStarted();

        HookResult result = rcpt(session, "alias@local.test", "b@elsewhere.test");

        assertThat(result).isEqualTo(HookResult.OK);
        assertThat(decisions.lines()).containsExactly("DEBUG RCPT client=127.0.0.2 login=alice@local.test tls from=<alias@local.test> "
            + "to=<b@elsewhere.test>: RELAY [authenticated-relay] 250 2.1.5 Recipient OK (authenticated)");
    }

    @Test
    void shouldCheckTheSenderAgainAtEachRecipient() throws Exception {
        FakeSession session = FakeSession.from("127.0.0.2").login("alice@local.test").tlsStarted();

        HookResult result = rcpt(session, "bob@local.test", "b@elsewhere.test");

        assertRefused(result, HookReturnCode.deny(), "553", "5.7.1 <bob@local.test>: Sender address rejected: not owned by user alice@local.test");
        assertThat(decisions.lines()).containsExactly("INFO RCPT client=127.0.0.2 login=alice@local.test tls from=<bob@local.test> "
            + "to=<b@elsewhere.test>: DENY [sender-login:alice@local.test] 553 5.7.1 <bob@local.test>: Sender address rejected: "
            + "not owned by user alice@local.test");
    }

    @Test
    void shouldAcceptAndWarnInOpenRelayMode() throws Exception {
        HookResult result = rcpt(Policies.applying("relay-mode open-relay"), FakeSession.from("127.0.0.2"), "", "b@elsewhere.test");

        assertThat(result).isEqualTo(HookResult.OK);
        assertThat(decisions.lines()).containsExactly("WARN RCPT client=127.0.0.2 from=<> to=<b@elsewhere.test>: "
            + "RELAY [relay-mode:open-relay] 250 2.1.5 Recipient OK (open relay) WARNING: open relay mode: any client may relay through this server");
    }

    @Test
    void shouldAskToTryAgainLaterWhileThePolicyIsUnavailable() throws Exception {
        HookResult result = rcpt(Policies.unavailable(), FakeSession.from("127.0.0.1"), "", "info@relay.test");

        assertRefused(result, HookReturnCode.denySoft(), "451", "4.3.0 Relay policy temporarily unavailable, try again later");
        assertThat(decisions.lines()).containsExactly("WARN RCPT client=127.0.0.1 from=<> to=<info@relay.test>: "
            + "TEMPFAIL [policy-unavailable] 451 4.3.0 Relay policy temporarily unavailable, try again later WARNING: no relay policy read yet");
    }

    @Test
    void shouldCountEachDecision() throws Exception {
        rcpt(FakeSession.from("127.0.0.2"), "", "b@elsewhere.test");
        rcpt(FakeSession.from("127.0.0.1"), "", "b@elsewhere.test");

        assertThat(metrics.countFor("james_relay_decision_rcpt_deny_relay_denied")).isEqualTo(1);
        assertThat(metrics.countFor("james_relay_decision_rcpt_relay_trusted_network")).isEqualTo(1);
        assertThat(metrics.countFor("james_relay_smtp_reply_550")).isEqualTo(1);
    }
}
