package org.jamesrelay.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.jdkim.api.Headers;

/**
 * The header fields of a message as jdkim reads them: names in order, and each field whole, as it will be sent.
 * (James's own adapter, in its DKIM mailets, is not public.)
 */
final class MessageHeaders implements Headers {
    private final List<String> names;
    private final List<String> fields;

    MessageHeaders(MimeMessage message) throws MessagingException {
        List<String> names = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String field : Collections.list(message.getAllHeaderLines())) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new MessagingException("not a header field: " + field);
            }
            names.add(field.substring(0, colon).trim());
            fields.add(field);
        }
        this.names = List.copyOf(names);
        this.fields = List.copyOf(fields);
    }

    @Override
    public List<String> getFields() {
        return names;
    }

    @Override
    public List<String> getFields(String name) {
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                matching.add(fields.get(i));
            }
        }
        return matching;
    }
}
