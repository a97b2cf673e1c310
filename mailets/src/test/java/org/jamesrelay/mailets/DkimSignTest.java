package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jamesrelay.dkim.DkimAlgorithm;
import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.dkim.PythonDkimVerifier;
import org.jamesrelay.james.dkim.DkimKeyEditor;
import org.jamesrelay.james.dkim.DkimKeyService;
import org.jamesrelay.james.dkim.DkimKeySource;
import org.jamesrelay.james.metrics.RelayMetrics;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.MemoryDkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DkimSignTest {
    private DkimKeyService keys;
    private DkimKey rsa;
    private DkimKey ed25519;
    private DkimSign mailet;
    private RecordingMetricFactory metrics;

    @BeforeEach
    void setUp() throws Exception {
        keys = DkimKeyService.readOnce(new DkimKeySource(new MemoryDkimKeyStore(Clock.systemUTC()), "memory", Duration.ofSeconds(1)));
        DkimKeyEditor editor = new DkimKeyEditor(keys);
        rsa = editor.add("test", "example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty());
        ed25519 = editor.add("test", "example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, Optional.empty(), Optional.empty());
        editor.settings("test", "example.com", true, FailureMode.HOLD);
        metrics = new RecordingMetricFactory();
        mailet = initialized(keys, metrics);
    }

    private static DkimSign initialized(DkimKeyService keys, RecordingMetricFactory metrics) throws Exception {
        DkimSign mailet = new DkimSign(keys, new RelayMetrics(metrics));
        mailet.init(FakeMailetConfig.builder()
            .mailetName("DkimSign")
            .mailetContext(FakeMailContext.defaultContext())
            .setProperty("failureProcessor", "dkim-failed")
            .build());
        return mailet;
    }

    private static Mail mail(String from, String body) throws Exception {
        String text = "From: Someone <" + from + ">\r\nTo: bob@elsewhere.example\r\nSubject: caf\u00e9 menu\r\n"
            + "Message-ID: <42@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body;
        // Like James's MimeMessageWrapper, it keeps its Message-ID when saved.
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getMessageID() == null) {
                    super.updateMessageID();
                }
            }
        };
        return FakeMail.builder().name("m1").mimeMessage(message).sender(from).recipient("bob@elsewhere.example").state("relay").build();
    }

    private static byte[] bytes(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    private Map<String, String> published() {
        return Map.of(rsa.dnsName(), rsa.dnsRecord(), ed25519.dnsName(), ed25519.dnsRecord());
    }

    @Test
    void mailOfASigningDomainLeavesWithSignaturesOfItsActiveKeysThatVerify() throws Exception {
        Mail mail = mail("alice@example.com", "Caf\u00e9 cr\u00e8me at noon.\r\nThe 8-bit text becomes quoted-printable first.\r\n");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(PythonDkimVerifier.verify(bytes(mail), published()))
            .containsExactly("pass d=example.com s=s1 a=rsa-sha256", "pass d=example.com s=e1 a=ed25519-sha256");
        assertThat(mail.getMessage().getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(metrics.countFor("james_relay_dkim_signed")).isEqualTo(1);
        assertThat(metrics.executionTimesFor("james_relay_dkim_signing_duration")).hasSize(1);
    }

    @Test
    void mailOfASubdomainIsSignedByItsParentDomain() throws Exception {
        Mail mail = mail("alice@eu.example.com", "hello\r\n");

        mailet.service(mail);

        assertThat(PythonDkimVerifier.verify(bytes(mail), published())).allMatch(line -> line.startsWith("pass d=example.com "));
    }

    @Test
    void mailOfADomainWithoutKeyLeavesUnchanged() throws Exception {
        Mail mail = mail("carol@example.org", "hello\r\n");
        byte[] before = bytes(mail);

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(bytes(mail)).isEqualTo(before);
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(metrics.countFor("james_relay_dkim_no_key")).isEqualTo(1);
    }

    @Test
    void aMailSignedAlreadyIsNotSignedTwice() throws Exception {
        Mail mail = mail("alice@example.com", "hello\r\n");

        mailet.service(mail);
        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).hasSize(2);
        assertThat(metrics.countFor("james_relay_dkim_already_signed")).isEqualTo(1);
        assertThat(PythonDkimVerifier.verify(bytes(mail), published())).allMatch(line -> line.startsWith("pass "));
    }

    /** A mail James cannot write out: signing it fails. */
    private static Mail unreadable(String from) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(("From: <" + from + ">\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII))) {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                throw new IOException("disk gone");
            }
        };
        return FakeMail.builder().name("m2").mimeMessage(message).sender(from).recipient("bob@elsewhere.example").state("relay").build();
    }

    @Test
    void aMailThatCannotBeSignedIsHeldByDefault() throws Exception {
        Mail mail = unreadable("alice@example.com");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("dkim-failed");
        assertThat(mail.getErrorMessage()).isEqualTo("DKIM: cannot sign for d=example.com: disk gone");
        assertThat(metrics.countFor("james_relay_dkim_held")).isEqualTo(1);
    }

    @Test
    void aDomainThatSaysSendUnsignedLetsItGoUnsigned() throws Exception {
        new DkimKeyEditor(keys).settings("test", "example.com", true, FailureMode.SEND_UNSIGNED);
        Mail mail = unreadable("alice@example.com");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(metrics.countFor("james_relay_dkim_sent_unsigned")).isEqualTo(1);
    }

    @Test
    void whileTheKeysCannotBeReadMailIsHeld() throws Exception {
        DkimKeyStore unreadable = new DkimKeyStore() {
            @Override
            public Optional<StoredKeys> read() throws PolicyStoreException {
                throw new PolicyStoreException("store down");
            }

            @Override
            public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
                throw new PolicyStoreException("store down");
            }

            @Override
            public List<AuditEntry> audit(int limit) throws PolicyStoreException {
                throw new PolicyStoreException("store down");
            }
        };
        DkimSign held = initialized(DkimKeyService.readOnce(new DkimKeySource(unreadable, "down", Duration.ofSeconds(1))), metrics);
        Mail mail = mail("alice@example.com", "hello\r\n");

        held.service(mail);

        assertThat(mail.getState()).isEqualTo("dkim-failed");
        assertThat(mail.getErrorMessage()).contains("could not be read from down");
        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }
}
