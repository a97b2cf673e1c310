package org.jamesrelay.webadmin;

import java.time.Instant;

import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.MailAttributes;

/** Relayed mail as the route delivery leaves it in the relay queue, and the routes of a small policy. */
final class QueueFixtures {
    static final RouteTable ROUTES = routes(
        "route relay.test [127.0.0.1]:2601",
        "route * [smtp.isp.test]:587",
        "sender-route @marketing.test [127.0.0.1]:2602");

    private QueueFixtures() {
    }

    private static RouteTable routes(String... lines) {
        try {
            return PolicyFileParser.parse("test", String.join("\n", lines)).routes();
        } catch (PolicyFileException e) {
            throw new IllegalStateException(e);
        }
    }

    static Mail waiting(String name, String sender, Instant queuedAt, String... recipients) throws MessagingException {
        return FakeMail.builder()
            .name(name)
            .sender(sender.equals("<>") ? MaybeSender.nullSender() : MaybeSender.getMailSender(sender))
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("about " + name).setText("body"))
            .attribute(new Attribute(AttributeName.of(MailAttributes.QUEUED_AT), AttributeValue.of(queuedAt.toString())))
            .build();
    }

    static Mail failedOnce(String name, String sender, Instant queuedAt, String error, String... recipients) throws MessagingException {
        Mail mail = waiting(name, sender, queuedAt, recipients);
        mail.setAttribute(new Attribute(AttributeName.of("delivery_retry_count"), AttributeValue.of(1)));
        mail.setAttribute(new Attribute(AttributeName.of(MailAttributes.ROUTE_ERROR), AttributeValue.of(error)));
        return mail;
    }
}
