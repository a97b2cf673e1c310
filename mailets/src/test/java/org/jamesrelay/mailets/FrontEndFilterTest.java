package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.jamesrelay.store.MemoryPolicyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrontEndFilterTest {
    private static final String POLICY = String.join("\n",
        "relay-domain shield.test",
        "relay-domain open.test",
        "attachment-filter shield.test strip names=*.exe",
        "attachment-filter shield.test quarantine names=*.iso",
        "header-filter shield.test remove=X-Internal-*",
        "");
    private static final String EXECUTABLE = Base64.getEncoder().encodeToString("MZ pretend program".getBytes(StandardCharsets.US_ASCII));

    private FakeMailContext context;
    private RecordingMetricFactory metrics;
    private FrontEndFilter mailet;

    @BeforeEach
    void setUp() throws Exception {
        RelayPolicyService policy = new RelayPolicyService(
            new PolicySource(MemoryPolicyStore.holding(POLICY), "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        context = FakeMailContext.defaultContext();
        metrics = new RecordingMetricFactory();
        mailet = new FrontEndFilter(policy, new RelayMetrics(metrics));
        mailet.init(FakeMailetConfig.builder()
            .mailetName("FrontEndFilter")
            .mailetContext(context)
            .setProperty("passProcessor", "deliver")
            .setProperty("quarantineProcessor", "quarantine")
            .build());
    }

    private static MimeMessage message(String extraHeaders, String attachmentName) throws Exception {
        String text = "From: <app@local.test>\r\nSubject: test\r\n" + extraHeaders + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nthe body\r\n"
            + "--b\r\nContent-Type: application/octet-stream; name=\"" + attachmentName + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + attachmentName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + EXECUTABLE + "\r\n--b--\r\n";
        return new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Mail mail(MimeMessage message, String... recipients) throws Exception {
        return FakeMail.builder().name("mail").sender("app@local.test").recipients(recipients).mimeMessage(message).build();
    }

    private static String content(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void thePassAndQuarantineProcessorsAreDeclaredForJamesToCheck() {
        assertThat(mailet.requiredProcessingState()).containsExactly(new ProcessingState("deliver"), new ProcessingState("quarantine"));
    }

    @Test
    void aMatchingAttachmentIsStrippedAndTheMailPassedOn() throws Exception {
        Mail mail = mail(message("", "tool.exe"), "x@shield.test");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("deliver");
        assertThat(content(mail)).doesNotContain(EXECUTABLE).contains("the body").contains("tool.exe");
        assertThat(mail.getMessage().getHeader(FrontEndFilter.FILTER_HEADER)[0]).startsWith("stripped; ");
        assertThat(metrics.countFor("james_relay_filter_strip")).isEqualTo(1);
        assertThat(metrics.countFor("james_relay_filter_pass")).isEqualTo(1);
    }

    @Test
    void headersOfTheScopeAreRemoved() throws Exception {
        Mail mail = mail(message("X-Internal-Route: core-1\r\nX-Mailer: kept\r\n", "notes.txt"), "x@shield.test");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Internal-Route")).isNull();
        assertThat(mail.getMessage().getHeader("X-Mailer")).containsExactly("kept");
        assertThat(mail.getMessage().getHeader(FrontEndFilter.FILTER_HEADER)).isNull();
    }

    @Test
    void aQuarantineRuleSendsTheWholeMailToQuarantine() throws Exception {
        Mail mail = mail(message("", "disk.iso"), "x@shield.test");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(mail.getErrorMessage()).startsWith("quarantined by James Relay: ").contains("disk.iso");
        assertThat(content(mail)).contains(EXECUTABLE);
        assertThat(metrics.countFor("james_relay_filter_quarantine")).isEqualTo(1);
        assertThat(metrics.countFor("james_relay_filter_pass")).isZero();
    }

    @Test
    void aVirusFoundAtDataTimeIsQuarantined() throws Exception {
        Mail mail = mail(message("", "notes.txt"), "y@open.test");
        mail.setAttribute(new Attribute(AttributeName.of(MailAttributes.VIRUS), AttributeValue.of("Test.Virus")));

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("quarantine");
        assertThat(mail.getErrorMessage()).contains("virus found (Test.Virus)");
    }

    @Test
    void aMailNotScannedSaysSoInAHeader() throws Exception {
        Mail mail = mail(message("", "notes.txt"), "y@open.test");
        mail.setAttribute(new Attribute(AttributeName.of(MailAttributes.NOT_SCANNED), AttributeValue.of("clamd down")));

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("deliver");
        assertThat(mail.getMessage().getHeader(FrontEndFilter.ANTIVIRUS_HEADER)).containsExactly("not scanned: clamd down");
    }

    @Test
    void recipientsOfTwoScopesAreFilteredApart() throws Exception {
        Mail mail = mail(message("X-Internal-Route: core-1\r\n", "tool.exe"), "x@shield.test", "y@open.test");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        List<FakeMailContext.SentMail> sent = context.getSentMails();
        assertThat(sent).hasSize(2).allSatisfy(copy -> assertThat(copy.getState()).isEqualTo("deliver"));
        MailAddress shieldRecipient = new MailAddress("x@shield.test");
        MailAddress openRecipient = new MailAddress("y@open.test");
        FakeMailContext.SentMail shielded = sent.stream().filter(copy -> copy.getRecipients().contains(shieldRecipient)).findFirst().orElseThrow();
        FakeMailContext.SentMail open = sent.stream().filter(copy -> copy.getRecipients().contains(openRecipient)).findFirst().orElseThrow();
        assertThat(shielded.getRecipients()).containsExactly(shieldRecipient);
        assertThat(text(shielded)).doesNotContain(EXECUTABLE).doesNotContain("X-Internal-Route");
        assertThat(text(open)).contains(EXECUTABLE).contains("X-Internal-Route: core-1");
    }

    @Test
    void mailThatCannotBeParsedIsQuarantinedWhereAttachmentRulesApply() throws Exception {
        String broken = "From: <app@local.test>\r\nSubject: broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nno end\r\n";
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(broken.getBytes(StandardCharsets.US_ASCII)));
        Mail shielded = mail(message, "x@shield.test");
        Mail open = mail(new MimeMessage(message), "y@open.test");

        mailet.service(shielded);
        mailet.service(open);

        assertThat(shielded.getState()).isEqualTo("quarantine");
        assertThat(shielded.getErrorMessage()).contains("unparseable");
        assertThat(open.getState()).isEqualTo("deliver");
    }

    private static String text(FakeMailContext.SentMail sent) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sent.getMsg().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }
}
