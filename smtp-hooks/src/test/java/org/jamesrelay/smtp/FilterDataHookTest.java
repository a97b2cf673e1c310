package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FilterDataHookTest {
    private static final String REJECT_EXE = "attachment-filter shield.test reject names=*.exe";

    @RegisterExtension
    final LogLines filterLog = new LogLines("org.jamesrelay.filter");

    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
    }

    private HookResult data(RelayPolicyService policy, Mail mail) {
        return new FilterDataHook(policy, new RelayMetrics(metrics)).onMessage(FakeSession.from("127.0.0.2"), mail);
    }

    private static Mail mailWith(String attachmentName, String... recipients) throws Exception {
        String text = "From: <app@local.test>\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nthe body\r\n"
            + "--b\r\nContent-Type: application/octet-stream; name=\"" + attachmentName + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + attachmentName + "\"\r\n\r\nMZ pretend program\r\n--b--\r\n";
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("m1").sender("app@local.test").recipients(recipients).mimeMessage(message).build();
    }

    private static RelayPolicyService antivirus(int port, String options) {
        return Policies.applying("relay-domain shield.test", "antivirus clamd=[127.0.0.1]:" + port + " timeout=500ms " + options);
    }

    private static AttributeValue<?> attribute(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(Attribute::getValue).orElseThrow();
    }

    @Test
    void shouldLetEveryMailThroughWithoutFilters() throws Exception {
        assertThat(data(Policies.applying("relay-domain shield.test"), mailWith("setup.exe", "a@shield.test"))).isEqualTo(HookResult.DECLINED);
        assertThat(filterLog.lines()).isEmpty();
    }

    @Test
    void shouldRejectAMailThatARejectRuleOfARecipientsScopeMatches() throws Exception {
        HookResult result = data(Policies.applying("relay-domain shield.test", REJECT_EXE), mailWith("setup.exe", "a@other.test", "b@shield.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Message rejected: \"setup.exe\" name *.exe");
        assertThat(filterLog.lines()).containsExactly("INFO Rejected mail from app@local.test to [a@other.test, b@shield.test]: \"setup.exe\" name *.exe");
        assertThat(metrics.countFor("james_relay_filter_reject")).isEqualTo(1);
    }

    @Test
    void shouldLetThroughAMailNoRejectRuleMatches() throws Exception {
        RelayPolicyService policy = Policies.applying("relay-domain shield.test", REJECT_EXE);

        assertThat(data(policy, mailWith("report.pdf", "b@shield.test"))).isEqualTo(HookResult.DECLINED);
        assertThat(data(policy, mailWith("setup.exe", "a@other.test"))).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("james_relay_filter_reject")).isZero();
    }

    @Test
    void shouldLeaveStrippingAndQuarantineToTheMailet() throws Exception {
        RelayPolicyService policy = Policies.applying("relay-domain shield.test",
            "attachment-filter shield.test strip names=*.exe", "attachment-filter shield.test quarantine names=*.exe");

        assertThat(data(policy, mailWith("setup.exe", "b@shield.test"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void shouldLetThroughACleanMail() throws Exception {
        try (ScriptedClamd clamd = ScriptedClamd.answering("stream: OK")) {
            assertThat(data(antivirus(clamd.port(), "on-virus=reject"), mailWith("report.pdf", "b@shield.test"))).isEqualTo(HookResult.DECLINED);
        }
        assertThat(metrics.countFor("james_relay_antivirus_clean")).isEqualTo(1);
        assertThat(filterLog.lines()).isEmpty();
    }

    @Test
    void shouldRejectAVirusWhenThePolicySaysSo() throws Exception {
        HookResult result;
        try (ScriptedClamd clamd = ScriptedClamd.answering("stream: Test.Virus FOUND")) {
            result = data(antivirus(clamd.port(), "on-virus=reject"), mailWith("report.pdf", "b@shield.test"));
        }

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("554");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Message rejected: virus found (Test.Virus)");
        assertThat(filterLog.lines()).containsExactly("INFO Rejected mail from app@local.test to [b@shield.test]: virus Test.Virus");
        assertThat(metrics.countFor("james_relay_antivirus_virus")).isEqualTo(1);
    }

    @Test
    void shouldMarkAVirusForQuarantineWhenThePolicySaysSo() throws Exception {
        Mail mail = mailWith("report.pdf", "b@shield.test");
        try (ScriptedClamd clamd = ScriptedClamd.answering("stream: Test.Virus FOUND")) {
            assertThat(data(antivirus(clamd.port(), "on-virus=quarantine"), mail)).isEqualTo(HookResult.DECLINED);
        }

        assertThat(attribute(mail, MailAttributes.VIRUS)).isEqualTo(AttributeValue.of("Test.Virus"));
    }

    @Test
    void shouldAskToTryAgainLaterWhenTheScannerIsUnavailable() throws Exception {
        HookResult result = data(antivirus(ScriptedClamd.closedPort(), "on-failure=tempfail"), mailWith("report.pdf", "b@shield.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.1 Message not accepted now: virus scanner unavailable, try again later");
        assertThat(filterLog.lines()).singleElement().asString()
            .startsWith("WARN Mail from app@local.test to [b@shield.test] refused for now: virus scan failed: clamd at 127.0.0.1:");
        assertThat(metrics.countFor("james_relay_antivirus_failed")).isEqualTo(1);
    }

    @Test
    void shouldAcceptUnscannedWhenTheScannerIsUnavailableAndThePolicySaysSo() throws Exception {
        Mail mail = mailWith("report.pdf", "b@shield.test");

        HookResult result = data(antivirus(ScriptedClamd.closedPort(), "on-failure=accept"), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(attribute(mail, MailAttributes.NOT_SCANNED).getValue().toString()).startsWith("clamd at 127.0.0.1:");
        assertThat(filterLog.lines()).singleElement().asString()
            .startsWith("WARN Mail from app@local.test to [b@shield.test] accepted without virus scan (on-failure=accept): clamd at 127.0.0.1:");
    }
}
