package org.jamesrelay.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.james.jdkim.impl.Message;

/** Raw test messages, signed as the mailet signs them: the signature fields prepended. */
final class Messages {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static final String PLAIN = "From: Alice <alice@example.com>\r\n"
        + "To: bob@elsewhere.example\r\n"
        + "Subject: quarterly\r\n"
        + "  figures\r\n"
        + "Date: Sun, 06 Dec 2026 12:00:00 +0000\r\n"
        + "Message-ID: <1@example.com>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "X-Unsigned: anything\r\n"
        + "\r\n"
        + "Hello Bob,\r\n"
        + "\r\n"
        + "the figures  are attached.\r\n"
        + "\r\n"
        + "\r\n";

    private Messages() {
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    /** The message with the signature fields of {@code domain} on top. */
    static byte[] signed(MessageSigner signer, DkimDomain domain, byte[] message) throws Exception {
        List<String> fields = signatures(signer, domain, message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            out.write((field + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(message);
        return out.toByteArray();
    }

    static List<String> signatures(MessageSigner signer, DkimDomain domain, byte[] message) throws Exception {
        Message parsed = new Message(new ByteArrayInputStream(message));
        try {
            return signer.sign(domain, parsed, out -> copyBody(parsed, out), NOW);
        } finally {
            parsed.dispose();
        }
    }

    private static void copyBody(Message parsed, OutputStream out) throws IOException {
        try (InputStream body = parsed.getBodyInputStream()) {
            body.transferTo(out);
        }
    }
}
