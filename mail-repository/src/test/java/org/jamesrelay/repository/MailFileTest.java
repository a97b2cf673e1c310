package org.jamesrelay.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.junit.jupiter.api.Test;

class MailFileTest {
    private static byte[] written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MailFile.write(mail, out);
        return out.toByteArray();
    }

    @Test
    void whatIsWrittenReadsBackWithItsEnvelopeAndTheMessageByteForByte() throws Exception {
        MailImpl mail = MailImpl.builder()
            .name("bounce-1")
            .state("relay-undeliverable")
            .errorMessage("550 5.1.1 no such user")
            .remoteAddr("127.0.0.2")
            .remoteHost("client.test")
            .lastUpdated(new Date(1_700_000_000_000L))
            .addRecipient("postmaster@local.test")
            .addAttribute(new Attribute(AttributeName.of("org.jamesrelay.route-error"), AttributeValue.of("loops back")))
            .addHeaderForRecipient(PerRecipientHeaders.Header.builder().name("Delivered-To").value("postmaster@local.test").build(),
                new MailAddress("postmaster@local.test"))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Undelivered").setText("body\r\n.line"))
            .build();

        Mail read = MailFile.read(new ByteArrayInputStream(written(mail)));

        assertThat(read.getName()).isEqualTo("bounce-1");
        assertThat(read.getState()).isEqualTo("relay-undeliverable");
        assertThat(read.getErrorMessage()).isEqualTo("550 5.1.1 no such user");
        assertThat(read.hasSender()).isFalse();
        assertThat(read.getRecipients()).containsExactly(new MailAddress("postmaster@local.test"));
        assertThat(read.getRemoteAddr()).isEqualTo("127.0.0.2");
        assertThat(read.getRemoteHost()).isEqualTo("client.test");
        assertThat(read.getLastUpdated()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(read.attributes()).containsExactlyElementsOf(mail.attributes()::iterator);
        assertThat(read.getPerRecipientSpecificHeaders()).isEqualTo(mail.getPerRecipientSpecificHeaders());
        assertThat(written(read)).isEqualTo(written(mail));
    }

    @Test
    void aFileCutBeforeTheEndOfItsEnvelopeIsRefused() {
        byte[] cut = "{\"name\":\"m1\",\"recip".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MailFile.read(new ByteArrayInputStream(cut)))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("truncated");
    }
}
