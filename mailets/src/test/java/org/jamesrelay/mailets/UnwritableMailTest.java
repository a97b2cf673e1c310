package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class UnwritableMailTest {
    @Test
    void aMessageWhoseChangedHeadersDoNotParseIsUnwritable() throws Exception {
        Mail mail = mailWithHeaderAdded("Content-Type: text/plain; charset=\"unbalanced\r\nSubject: fuzz\r\n\r\nbody\r\n");

        assertThatThrownBy(() -> UnwritableMail.check(mail))
            .isInstanceOf(UnwritableMail.class)
            .hasMessageContaining("Unbalanced quoted string");
    }

    @Test
    void aWellFormedMessageIsWritable() throws Exception {
        Mail mail = mailWithHeaderAdded("Content-Type: text/plain; charset=utf-8\r\nSubject: fine\r\n\r\nbody\r\n");

        assertThatCode(() -> UnwritableMail.check(mail)).doesNotThrowAnyException();
    }

    /** As the spool hands it to the mailets, with a header a mailet added. */
    private static Mail mailWithHeaderAdded(String message) throws Exception {
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        MimeMessageWrapper wrapper = new MimeMessageWrapper(parsed);
        wrapper.setHeader("X-Relayed-By", "test");
        return FakeMail.builder().name("mail").mimeMessage(wrapper).recipient("info@relay.test").build();
    }
}
