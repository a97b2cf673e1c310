package org.jamesrelay.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.DirectorySource;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.MemoryPolicyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelayPolicyRefusesTest {
    private static final String POLICY = "trusted-network 127.0.0.1/32\nrelay-domain relay.test\nauthenticated-relay tls-only\n";
    private static final LocalDirectory DIRECTORY = LocalDirectory.builder().localDomain("local.test").build();

    private RelayPolicyRefuses matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = new RelayPolicyRefuses(service(() -> DIRECTORY));
        matcher.init(FakeMatcherConfig.builder().matcherName("RelayPolicyRefuses").build());
    }

    private static RelayPolicyService service(DirectorySource directory) {
        return new RelayPolicyService(new PolicySource(MemoryPolicyStore.holding(POLICY), "test policy", true, Duration.ofSeconds(1)), directory);
    }

    private static FakeMail.Builder mailFrom(String remoteAddress) throws Exception {
        return FakeMail.builder()
            .name("mail")
            .remoteAddr(remoteAddress)
            .sender("someone@outside.example")
            .recipients("alice@local.test", "info@relay.test", "victim@elsewhere.example");
    }

    @Test
    void untrustedClientShouldHaveItsOutsideRecipientsRefused() throws Exception {
        assertThat(matcher.match(mailFrom("127.0.0.2").build()))
            .containsOnly(new MailAddress("victim@elsewhere.example"));
    }

    @Test
    void trustedClientShouldHaveNoRecipientRefused() throws Exception {
        assertThat(matcher.match(mailFrom("127.0.0.1").build())).isEmpty();
    }

    @Test
    void authenticatedClientOverTlsShouldRelay() throws Exception {
        Mail mail = mailFrom("127.0.0.2")
            .sender("alice@local.test")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@local.test")))
            .attribute(new Attribute(AttributeName.of(MailAttributes.TLS), AttributeValue.of(true)))
            .build();

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void authenticatedClientWithoutTlsShouldNotRelayWhenPolicyRequiresIt() throws Exception {
        Mail mail = mailFrom("127.0.0.2")
            .sender("alice@local.test")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@local.test")))
            .build();

        assertThat(matcher.match(mail)).containsOnly(new MailAddress("victim@elsewhere.example"));
    }

    @Test
    void authenticatedClientWithAForeignSenderShouldHaveEveryRecipientRefused() throws Exception {
        Mail mail = mailFrom("127.0.0.2")
            .attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@local.test")))
            .attribute(new Attribute(AttributeName.of(MailAttributes.TLS), AttributeValue.of(true)))
            .build();

        assertThat(matcher.match(mail)).hasSize(3);
    }

    @Test
    void mailSentByJamesItselfShouldNeverBeRefused() throws Exception {
        Mail bounce = mailFrom("127.0.0.2")
            .attribute(new Attribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName(), AttributeValue.of(true)))
            .build();

        assertThat(matcher.match(bounce)).isEmpty();
    }

    @Test
    void mailWithoutAnIpClientAddressShouldBeRefusedWhole() throws Exception {
        assertThat(matcher.match(mailFrom("not-an-ip.example").build())).hasSize(3);
    }

    @Test
    void mailShouldBeRefusedWholeWhileThePolicyIsUnavailable() throws Exception {
        RelayPolicyRefuses failClosed = new RelayPolicyRefuses(service(() -> {
            throw new IllegalStateException("James stores unreachable");
        }));
        failClosed.init(FakeMatcherConfig.builder().matcherName("RelayPolicyRefuses").build());

        assertThat(failClosed.match(mailFrom("127.0.0.1").build())).hasSize(3);
    }

    @Test
    void relayDomainMatcherShouldMatchOnlyRelayDomainRecipients() throws Exception {
        IsRelayDomainRecipient relayDomains = new IsRelayDomainRecipient(service(() -> DIRECTORY));
        relayDomains.init(FakeMatcherConfig.builder().matcherName("IsRelayDomainRecipient").build());

        assertThat(relayDomains.match(FakeMail.builder().name("mail").recipients("a@local.test", "b@RELAY.test").build()))
            .isEqualTo(List.of(new MailAddress("b@relay.test")));
    }
}
