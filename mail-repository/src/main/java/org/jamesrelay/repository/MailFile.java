package org.jamesrelay.repository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The file of one stored mail: a JSON line with the envelope (name, state, sender, recipients, error message, remote
 * address and host, last update, attributes, per-recipient headers), then the message exactly as written by
 * {@link MimeMessage#writeTo}. The reader and the writer of the format, side by side.
 */
final class MailFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int END_OF_ENVELOPE = '\n';

    private MailFile() {
    }

    static void write(Mail mail, OutputStream out) throws IOException, MessagingException {
        out.write(JSON.writeValueAsBytes(envelope(mail)));
        out.write(END_OF_ENVELOPE);
        mail.getMessage().writeTo(out);
    }

    static Mail read(InputStream in) throws IOException, MessagingException {
        JsonNode envelope = JSON.readTree(envelopeLine(in));
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(in.readAllBytes()));
        MailImpl.Builder mail = MailImpl.builder()
            .name(envelope.path("name").asText())
            .state(text(envelope, "state"))
            .errorMessage(text(envelope, "errorMessage"))
            .remoteAddr(text(envelope, "remoteAddr"))
            .remoteHost(text(envelope, "remoteHost"))
            .lastUpdated(new Date(envelope.path("lastUpdated").asLong()))
            .sender(MaybeSender.getMailSender(envelope.path("sender").asText("")))
            .addRecipients(recipients(envelope.path("recipients")))
            .addAttributes(attributes(envelope.path("attributes")))
            .mimeMessage(message);
        PerRecipientHeaders headers = perRecipientHeaders(envelope.path("perRecipientHeaders"));
        if (!headers.getHeadersByRecipient().isEmpty()) {
            mail.addAllHeadersForRecipients(headers);
        }
        return mail.build();
    }

    private static ObjectNode envelope(Mail mail) {
        ObjectNode envelope = JSON.createObjectNode()
            .put("name", mail.getName())
            .put("state", mail.getState())
            .put("errorMessage", mail.getErrorMessage())
            .put("remoteAddr", mail.getRemoteAddr())
            .put("remoteHost", mail.getRemoteHost())
            .put("lastUpdated", Optional.ofNullable(mail.getLastUpdated()).orElseGet(Date::new).getTime())
            .put("sender", mail.getMaybeSender().asString(""));
        ArrayNode recipients = envelope.putArray("recipients");
        mail.getRecipients().forEach(recipient -> recipients.add(recipient.asString()));
        ObjectNode attributes = envelope.putObject("attributes");
        mail.attributes().forEach(attribute -> attribute.getValue().toJson()
            .ifPresent(json -> attributes.put(attribute.getName().asString(), json.toString())));
        ObjectNode headers = envelope.putObject("perRecipientHeaders");
        mail.getPerRecipientSpecificHeaders().getHeadersByRecipient().asMap().forEach((recipient, recipientHeaders) -> {
            ArrayNode lines = headers.putArray(recipient.asString());
            recipientHeaders.forEach(header -> lines.add(header.asString()));
        });
        return envelope;
    }

    private static byte[] envelopeLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != END_OF_ENVELOPE; next = in.read()) {
            if (next < 0) {
                throw new IOException("truncated mail file: no end of envelope");
            }
            line.write(next);
        }
        return line.toByteArray();
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode value = envelope.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Collection<MailAddress> recipients(JsonNode recipients) throws AddressException {
        List<MailAddress> addresses = new ArrayList<>();
        for (JsonNode recipient : recipients) {
            addresses.add(new MailAddress(recipient.asText()));
        }
        return addresses;
    }

    private static Collection<Attribute> attributes(JsonNode attributes) throws IOException {
        List<Attribute> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> attribute : iterable(attributes)) {
            result.add(new Attribute(AttributeName.of(attribute.getKey()), AttributeValue.fromJsonString(attribute.getValue().asText())));
        }
        return result;
    }

    private static PerRecipientHeaders perRecipientHeaders(JsonNode byRecipient) throws AddressException {
        PerRecipientHeaders headers = new PerRecipientHeaders();
        for (Map.Entry<String, JsonNode> recipient : iterable(byRecipient)) {
            MailAddress address = new MailAddress(recipient.getKey());
            for (JsonNode line : recipient.getValue()) {
                headers.addHeaderForRecipient(PerRecipientHeaders.Header.fromString(line.asText()), address);
            }
        }
        return headers;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
