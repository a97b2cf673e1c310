package org.jamesrelay.filter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/** The test corpus, written as MIME text: lines end in LF here and in CRLF once parsed. */
final class Mails {
    static final Session SESSION = Session.getInstance(new Properties());

    static final String HEADERS = "Return-Path: <alice@example.com>\n"
        + "Received: from client.example.com (client.example.com [192.0.2.10])\n"
        + "\tby relay.example.net with ESMTP id 4711; Fri, 27 Nov 2026 10:00:00 +0000\n"
        + "From: Alice <alice@example.com>\n"
        + "To: Bob <bob@example.org>\n"
        + "Subject: the report\n"
        + "Date: Fri, 27 Nov 2026 09:59:58 +0000\n"
        + "Message-ID: <original-4711@client.example.com>\n"
        + "MIME-Version: 1.0 (tested)\n";

    static final String BODY = "Content-Type: text/plain; charset=UTF-8\n"
        + "Content-Transfer-Encoding: 7bit\n"
        + "\n"
        + "Hello Bob, here is the report.\n";

    static final byte[] EXE = bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff);
    static final byte[] ELF = bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00);
    static final byte[] OLE2 = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00);
    static final byte[] PDF = ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<<>>\nendobj\n");
    static final byte[] SCRIPT = ascii("#!/bin/sh\nrm -rf ~\n");
    static final byte[] TEXT = ascii("just some notes\n");

    private Mails() {
    }

    static MimeMessage parse(String text) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(crlf(text).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** What a relay would pass on. */
    static String written(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Top-level header fields, then the given content (its own Content-* fields, a blank line, its body). */
    static String message(String content) {
        return HEADERS + content;
    }

    static String multipart(String subtype, String boundary, String... parts) {
        StringBuilder text = new StringBuilder("Content-Type: multipart/" + subtype + "; boundary=\"" + boundary + "\"\n\n");
        text.append("This is a multi-part message in MIME format.\n");
        for (String part : parts) {
            text.append("--").append(boundary).append('\n').append(part);
            if (!part.endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.append("--").append(boundary).append("--\n").toString();
    }

    static String mixed(String... parts) {
        return multipart("mixed", "outer-boundary", parts);
    }

    static String attachment(String fileName, String type, byte[] data) {
        return "Content-Type: " + type + "; name=\"" + fileName + "\"\n"
            + "Content-Disposition: attachment; filename=\"" + fileName + "\"\n"
            + base64Body(data);
    }

    static String base64Body(byte[] data) {
        return "Content-Transfer-Encoding: base64\n\n" + Base64.getMimeEncoder().encodeToString(data) + "\n";
    }

    static String attachedMessage(String fileName, String message) {
        return "Content-Type: message/rfc822; name=\"" + fileName + "\"\n"
            + "Content-Disposition: attachment; filename=\"" + fileName + "\"\n"
            + "\n"
            + message;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
