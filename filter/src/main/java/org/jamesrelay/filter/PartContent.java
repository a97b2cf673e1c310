package org.jamesrelay.filter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;

/** The content of one leaf part: raw, to check its encoding, then decoded. */
final class PartContent {
    /** What JavaMail decodes; anything else is refused rather than passed on undecoded. */
    static final Set<String> KNOWN_ENCODINGS = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable",
        "uuencode", "x-uuencode", "x-uue");

    private final MimePart part;
    private final Optional<String> encoding;

    PartContent(MimePart part, Optional<String> encoding) {
        this.part = part;
        this.encoding = encoding;
    }

    /** See {@link EncodedContentCheck}. */
    void checkRaw() throws Unparseable, MessagingException, IOException {
        String name = encoding.orElse("7bit");
        if (name.equals("binary")) {
            return;
        }
        EncodedContentCheck check = new EncodedContentCheck(name);
        try (InputStream raw = raw()) {
            byte[] buffer = new byte[8192];
            for (int n = raw.read(buffer); n >= 0; n = raw.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    check.accept(buffer[i] & 0xff);
                }
            }
        }
        check.end();
    }

    /** The first decoded bytes, and the decoded size. */
    Head head() throws Unparseable, MessagingException, IOException {
        Head head = new Head();
        byte[] buffer = new byte[8192];
        try (InputStream in = part.getInputStream()) {
            for (int n = decoded(in, buffer); n >= 0; n = decoded(in, buffer)) {
                head.add(buffer, n);
            }
        }
        return head;
    }

    byte[] bytes() throws Unparseable, MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = part.getInputStream()) {
            for (int n = decoded(in, buffer); n >= 0; n = decoded(in, buffer)) {
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    private int decoded(InputStream in, byte[] buffer) throws Unparseable {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new Unparseable("broken " + encoding.orElse("7bit") + " content");
        }
    }

    private InputStream raw() throws MessagingException {
        return part instanceof MimeMessage ? ((MimeMessage) part).getRawInputStream() : ((MimeBodyPart) part).getRawInputStream();
    }
}
