package org.jamesrelay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jamesrelay.james.MailAttributes;
import org.junit.jupiter.api.Test;

class RelaySessionAttributesHookTest {
    private static final AttributeName TLS = AttributeName.of(MailAttributes.TLS);

    private static Mail receivedOver(FakeSession session) throws Exception {
        Mail mail = FakeMail.builder().name("m1").sender("a@local.test").recipient("b@relay.test").build();
        assertThat(new RelaySessionAttributesHook().onMessage(session, mail)).isEqualTo(HookResult.DECLINED);
        return mail;
    }

    @Test
    void shouldRecordThatTheSessionWasEncrypted() throws Exception {
        Mail mail = receivedOver(FakeSession.from("127.0.0.2").tlsStarted());

        assertThat(mail.getAttribute(TLS)).map(Attribute::getValue).contains(AttributeValue.of(true));
    }

    @Test
    void shouldRecordThatTheSessionWasInClearText() throws Exception {
        Mail mail = receivedOver(FakeSession.from("127.0.0.2").startTlsOffered());

        assertThat(mail.getAttribute(TLS)).map(Attribute::getValue).contains(AttributeValue.of(false));
    }
}
