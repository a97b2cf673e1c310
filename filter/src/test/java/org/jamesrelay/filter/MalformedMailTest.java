package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.filter.Mails.BODY;
import static org.jamesrelay.filter.Mails.EXE;
import static org.jamesrelay.filter.Mails.attachment;
import static org.jamesrelay.filter.Mails.message;
import static org.jamesrelay.filter.Mails.mixed;
import static org.jamesrelay.filter.Mails.parse;

import java.io.InputStream;
import java.util.Enumeration;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mail the filter cannot trust is unparseable, with a reason, and never an exception. */
class MalformedMailTest {

    static Stream<Arguments> malformed() {
        String part = "Content-Type: application/octet-stream; name=\"a.bin\"\n";
        return Stream.of(
            Arguments.of("missing final boundary",
                message("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n" + BODY + "--b\n" + part + "\nabc\n"),
                "missing final boundary"),
            Arguments.of("no boundary parameter",
                message("Content-Type: multipart/mixed\n\n--b\n" + BODY + "--b--\n"),
                "multipart without boundary parameter"),
            Arguments.of("no boundary line at all",
                message("Content-Type: multipart/mixed; boundary=\"b\"\n\nno parts here\n"),
                "Missing start boundary"),
            Arguments.of("base64 with foreign characters",
                message(mixed(BODY, part + "Content-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAA!!!AAAAAAAAAAAA\n")),
                "broken base64 content"),
            Arguments.of("truncated base64",
                message(mixed(BODY, part + "Content-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQ\n")),
                "broken base64 content"),
            Arguments.of("broken quoted-printable",
                message(mixed(BODY, part + "Content-Transfer-Encoding: quoted-printable\n\nabc=ZZdef\n")),
                "broken quoted-printable content"),
            Arguments.of("unknown transfer encoding",
                message(mixed(BODY, part + "Content-Transfer-Encoding: x-rot13\n\nnop\n")),
                "unknown Content-Transfer-Encoding x-rot13"),
            Arguments.of("encoded multipart",
                message("Content-Type: multipart/mixed; boundary=\"b\"\nContent-Transfer-Encoding: base64\n\nLS1iCgotLWItLQo=\n"),
                "multipart with Content-Transfer-Encoding base64"),
            Arguments.of("50 kB header line",
                message(mixed(BODY)).replace("Subject: the report", "Subject: " + "x".repeat(50_000)),
                "header line longer than 8192 characters"),
            Arguments.of("40 levels of nesting", nested(40), "MIME nesting deeper than 30"),
            Arguments.of("NUL byte in a header",
                message(mixed(BODY)).replace("Subject: the report", "Subject: the\0report"),
                "NUL byte in header"),
            Arguments.of("NUL byte in text",
                message(mixed("Content-Type: text/plain\n\nhello\0world\n")),
                "NUL byte in 7bit content"),
            Arguments.of("unknown charset",
                message(mixed("Content-Type: text/plain; charset=x-no-such-charset\n\nhello\n")),
                "unknown charset x-no-such-charset"),
            Arguments.of("illegal charset name",
                message(mixed("Content-Type: text/plain; charset=\"utf 8?\"\n\nhello\n")),
                "unknown charset utf 8?"),
            Arguments.of("file name in an unknown charset",
                message(mixed(BODY, "Content-Type: application/octet-stream; name=\"=?x-no-such?B?YS5leGU=?=\"\n\nMZ\n")),
                "file name in an unknown charset"),
            Arguments.of("unparseable Content-Type",
                message(mixed(BODY, "Content-Type: application\n\nabc\n")),
                "unparseable Content-Type"),
            Arguments.of("unparseable Content-Disposition",
                message(mixed(BODY, "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\n\nabc\n")),
                "unparseable Content-Disposition"),
            Arguments.of("two different file names",
                message(mixed(BODY, "Content-Type: application/octet-stream; name=\"a.exe\"\n"
                    + "Content-Disposition: attachment; filename=\"a.pdf\"\n\nMZ\n")),
                "conflicting file names"),
            Arguments.of("two Content-Type fields",
                message(mixed(BODY, "Content-Type: text/plain\nContent-Type: application/x-msdownload\n\nMZ\n")),
                "duplicate Content-Type header"));
    }

    /** {@code depth} multiparts, one in the other. */
    static String nested(int depth) {
        String content = BODY;
        for (int level = depth; level > 0; level--) {
            content = Mails.multipart("mixed", "level" + level, content);
        }
        return message(content);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMailShouldBeUnparseable(String name, String mail, String reason) {
        Inspection inspection = MessageInspector.inspect(parse(mail));

        assertThat(inspection.unparseable()).hasValueSatisfying(found -> assertThat(found).contains(reason));
        assertThat(inspection.unparseable().orElseThrow()).matches("[\\x20-\\x7e]{1,160}");
    }

    @Test
    void nestingUpToTheLimitShouldBeParsed() {
        assertThat(MessageInspector.inspect(parse(nested(MessageInspector.MAX_DEPTH - 1))).unparseable()).isEmpty();
    }

    @Test
    void attachmentsFoundBeforeTheProblemShouldBeKept() {
        String mail = message("Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n" + BODY
            + "--b\n" + attachment("payload.exe", "application/octet-stream", EXE)
            + "--b\nContent-Type: text/plain; charset=x-no-such-charset\n\nhello\n--b--\n");

        Inspection inspection = MessageInspector.inspect(parse(mail));

        assertThat(inspection.unparseable()).isPresent();
        assertThat(inspection.attachments()).extracting(Attachment::description).containsExactly("payload.exe");
    }

    @Test
    void exceptionsFromTheMessageShouldBeUnparseableWithAPrintableReason() throws MessagingException {
        MimeMessage broken = new MimeMessage(parse(message(BODY))) {
            @Override
            public Enumeration<String> getAllHeaderLines() {
                throw new IllegalStateException("storage went away\r\nsecond line");
            }
        };

        assertThat(MessageInspector.inspect(broken).unparseable()).contains("storage went away??second line");
    }

    @Test
    void unreadableContentShouldBeUnparseable() throws MessagingException {
        MimeMessage unreadable = new MimeMessage(parse(message(mixed(BODY, attachment("a.exe", "application/octet-stream", EXE))))) {
            @Override
            protected InputStream getContentStream() throws MessagingException {
                throw new MessagingException("storage went away");
            }
        };

        assertThat(MessageInspector.inspect(unreadable).unparseable()).isPresent();
    }
}
