package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesrelay.filter.AttachmentPolicyTest.names;
import static org.jamesrelay.filter.AttachmentPolicyTest.sniffed;
import static org.jamesrelay.filter.Mails.BODY;
import static org.jamesrelay.filter.Mails.EXE;
import static org.jamesrelay.filter.Mails.PDF;
import static org.jamesrelay.filter.Mails.TEXT;
import static org.jamesrelay.filter.Mails.attachedMessage;
import static org.jamesrelay.filter.Mails.attachment;
import static org.jamesrelay.filter.Mails.crlf;
import static org.jamesrelay.filter.Mails.message;
import static org.jamesrelay.filter.Mails.mixed;
import static org.jamesrelay.filter.Mails.multipart;
import static org.jamesrelay.filter.Mails.parse;
import static org.jamesrelay.filter.Mails.written;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.activation.DataHandler;
import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;
import org.junit.jupiter.api.Test;

class AttachmentStripperTest {
    static final String EXE_PART = attachment("a.exe", "application/octet-stream", EXE);
    static final String PDF_PART = attachment("report.pdf", "application/pdf", PDF);

    static FilterVerdict verdict(MimeMessage message, AttachmentRule... rules) {
        return AttachmentPolicy.evaluate(MessageInspector.inspect(message), List.of(rules));
    }

    /** What javax.mail writes for a note: the part that takes the place of a stripped one. */
    static String note(String text) {
        return "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n" + text + "\n";
    }

    static String header(String mail) {
        return mail.substring(0, mail.indexOf("\r\n\r\n"));
    }

    @Test
    void strippedAttachmentShouldBeReplacedByANoteAndTheRestKeptByteForByte() throws Exception {
        String original = message(mixed(BODY, EXE_PART, PDF_PART));
        MimeMessage message = parse(original);

        List<String> removed = AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(removed).containsExactly("\"a.exe\" (name *.exe)");
        String expected = message(mixed(BODY, note("James Relay removed the attachment \"a.exe\" (name *.exe)."), PDF_PART));
        assertThat(written(message)).isEqualTo(crlf(expected));
    }

    @Test
    void strippedMailShouldHaveNoAttachmentLeft() throws Exception {
        MimeMessage message = parse(message(mixed(BODY, EXE_PART, PDF_PART)));

        AttachmentStripper.strip(message, verdict(message, sniffed(FilterAction.STRIP, "executable", "pdf")));

        MimeMessage passedOn = parse(written(message));
        assertThat(MessageInspector.inspect(passedOn).attachments()).isEmpty();
        MimeMultipart parts = (MimeMultipart) passedOn.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello Bob, here is the report.");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("James Relay removed the attachment \"a.exe\" (sniffed executable).");
        assertThat(parts.getBodyPart(2).getContent()).isEqualTo("James Relay removed the attachment \"report.pdf\" (sniffed pdf).");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void zipMemberShouldTakeTheWholeZipWithIt() throws Exception {
        String zip = attachment("invoice.zip", "application/zip", Zips.zip("docs/readme.txt", TEXT, "docs/payload.exe", EXE));
        MimeMessage message = parse(message(mixed(BODY, zip, PDF_PART)));

        List<String> removed = AttachmentStripper.strip(message, verdict(message, sniffed(FilterAction.STRIP, "executable")));

        assertThat(removed).containsExactly("\"invoice.zip\" (contains docs/payload.exe: sniffed executable)");
        assertThat(written(message)).isEqualTo(crlf(message(mixed(BODY,
            note("James Relay removed the attachment \"invoice.zip\" (contains docs/payload.exe: sniffed executable)."), PDF_PART))));
    }

    @Test
    void anythingInAnAttachedMessageShouldTakeTheWholeMessageWithIt() throws Exception {
        String forwarded = "Subject: fwd\n" + multipart("mixed", "fwd", BODY, EXE_PART);
        MimeMessage message = parse(message(mixed(BODY, PDF_PART, attachedMessage("forwarded.eml", forwarded))));

        List<String> removed = AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(removed).containsExactly("\"forwarded.eml\" (contains a.exe: name *.exe)");
        assertThat(written(message)).isEqualTo(crlf(message(mixed(BODY, PDF_PART,
            note("James Relay removed the attachment \"forwarded.eml\" (contains a.exe: name *.exe).")))));
    }

    @Test
    void partsOfNestedMultipartsShouldBeReplacedInPlace() throws Exception {
        String inner = multipart("mixed", "inner", PDF_PART, EXE_PART).replace("Content-Type: multipart/mixed;",
            "Content-Transfer-Encoding: 7bit\nContent-Type: multipart/mixed;");
        String alternative = multipart("alternative", "alt", BODY, "Content-Type: text/html\n\n<p>Hello</p>\n");
        MimeMessage message = parse(message(mixed(alternative, inner)));

        AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        String strippedInner = multipart("mixed", "inner", PDF_PART, note("James Relay removed the attachment \"a.exe\" (name *.exe)."))
            .replace("Content-Type: multipart/mixed;", "Content-Transfer-Encoding: 7bit\nContent-Type: multipart/mixed;");
        // JavaMail ends a multipart it writes with a line break: one more empty line before the outer boundary.
        assertThat(written(message)).isEqualTo(crlf(message(mixed(alternative, strippedInner + "\n"))));
    }

    @Test
    void findingsInOnePartShouldMakeOneNote() throws Exception {
        String zip = attachment("tools.zip", "application/zip", Zips.zip("a.exe", EXE, "b.js", TEXT));
        MimeMessage message = parse(message(mixed(BODY, zip)));

        List<String> removed = AttachmentStripper.strip(message, verdict(message,
            names(FilterAction.STRIP, "*.exe", "*.js"), sniffed(FilterAction.STRIP, "executable")));

        assertThat(removed).containsExactly("\"tools.zip\" (contains a.exe: name *.exe; contains b.js: name *.js; "
            + "contains a.exe: sniffed executable)");
        assertThat(((MimeMultipart) parse(written(message)).getContent()).getCount()).isEqualTo(2);
    }

    @Test
    void singlePartMailShouldKeepItsHeaderFieldsAndGetTheNoteAsBody() throws Exception {
        String original = Mails.HEADERS + "Content-Type: application/octet-stream; name=\"payload.exe\"\n"
            + "X-Mailer: test\n"
            + "Content-Disposition: attachment; filename=\"payload.exe\"\n"
            + Mails.base64Body(EXE);
        MimeMessage message = parse(original);

        List<String> removed = AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(removed).containsExactly("\"payload.exe\" (name *.exe)");
        assertThat(written(message)).isEqualTo(crlf(Mails.HEADERS
            + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\nX-Mailer: test\n\n"
            + "James Relay removed the attachment \"payload.exe\" (name *.exe).\n").replaceFirst("\r\n$", ""));
    }

    @Test
    void singlePartMailWithoutMimeVersionShouldGetOne() throws Exception {
        MimeMessage message = parse("From: alice@example.com\nContent-Type: application/octet-stream; name=\"a.exe\"\n"
            + Mails.base64Body(EXE));

        AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(header(written(message))).isEqualTo("From: alice@example.com\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 7bit\r\nMIME-Version: 1.0");
    }

    @Test
    void messageWithoutMessageIdOrDateShouldNotGetThem() throws Exception {
        String original = "From: alice@example.com\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n" + BODY + "--b\n" + EXE_PART + "--b--\n";
        MimeMessage message = parse(original);

        AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(header(written(message))).isEqualTo("From: alice@example.com\r\nContent-Type: multipart/mixed; boundary=\"b\"");
    }

    @Test
    void onlyStripFindingsShouldBeStripped() throws Exception {
        MimeMessage message = parse(message(mixed(BODY, EXE_PART, PDF_PART)));

        List<String> removed = AttachmentStripper.strip(message, verdict(message,
            names(FilterAction.REJECT, "*.exe"), names(FilterAction.STRIP, "*.pdf")));

        assertThat(removed).containsExactly("\"report.pdf\" (name *.pdf)");
        assertThat(written(message)).contains(crlf(EXE_PART));
    }

    @Test
    void verdictWithoutStripFindingsShouldLeaveTheMessageAlone() throws Exception {
        String original = message(mixed(BODY, EXE_PART));
        MimeMessage message = parse(original);

        assertThat(AttachmentStripper.strip(message, verdict(message, names(FilterAction.QUARANTINE, "*.exe")))).isEmpty();
        assertThat(AttachmentStripper.strip(message, verdict(message))).isEmpty();
        assertThat(written(message)).isEqualTo(crlf(original));
    }

    @Test
    void namesInTheNoteShouldBeDisplayable() throws Exception {
        MimeMessage message = parse(message(mixed(BODY,
            "Content-Type: application/octet-stream\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%C3%BCbersicht%E2%80%AEfdp.exe\n"
                + Mails.base64Body(EXE))));

        List<String> removed = AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(removed).containsExactly("\"\u00fcbersicht?fdp.exe\" (name *.exe)");
        MimeBodyPart note = (MimeBodyPart) ((MimeMultipart) parse(written(message)).getContent()).getBodyPart(1);
        assertThat(note.getContent()).isEqualTo("James Relay removed the attachment \"\u00fcbersicht?fdp.exe\" (name *.exe).");
    }

    @Test
    void messageShouldBeToldItsBodyChanged() throws Exception {
        AtomicBoolean bodyReplaced = new AtomicBoolean();
        MimeMessage message = new MimeMessage(parse(message(mixed(BODY, EXE_PART)))) {
            @Override
            public void setDataHandler(DataHandler content) throws MessagingException {
                bodyReplaced.set(true);
                super.setDataHandler(content);
            }
        };

        AttachmentStripper.strip(message, verdict(message, names(FilterAction.STRIP, "*.exe")));

        assertThat(bodyReplaced).isTrue();
    }

    @Test
    void verdictOnAnotherMessageShouldBeRefused() throws IOException, MessagingException {
        MimeMessage inspected = parse(message(mixed(BODY, PDF_PART, EXE_PART)));
        MimeMessage other = parse(message(mixed(BODY)));

        assertThatThrownBy(() -> AttachmentStripper.strip(other, verdict(inspected, names(FilterAction.STRIP, "*.exe"))))
            .isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> AttachmentStripper.strip(parse(message(BODY)), verdict(inspected, names(FilterAction.STRIP, "*.exe"))))
            .isInstanceOf(MessagingException.class);
    }
}
