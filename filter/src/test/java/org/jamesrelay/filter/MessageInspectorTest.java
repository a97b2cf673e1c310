package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.filter.Mails.BODY;
import static org.jamesrelay.filter.Mails.EXE;
import static org.jamesrelay.filter.Mails.OLE2;
import static org.jamesrelay.filter.Mails.PDF;
import static org.jamesrelay.filter.Mails.SCRIPT;
import static org.jamesrelay.filter.Mails.TEXT;
import static org.jamesrelay.filter.Mails.attachedMessage;
import static org.jamesrelay.filter.Mails.attachment;
import static org.jamesrelay.filter.Mails.message;
import static org.jamesrelay.filter.Mails.mixed;
import static org.jamesrelay.filter.Mails.multipart;
import static org.jamesrelay.filter.Mails.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageInspectorTest {

    static Inspection inspect(String mail) {
        Inspection inspection = MessageInspector.inspect(parse(mail));
        assertThat(inspection.unparseable()).isEmpty();
        return inspection;
    }

    static Attachment only(Inspection inspection) {
        assertThat(inspection.attachments()).hasSize(1);
        return inspection.attachments().get(0);
    }

    static String zipPart(String fileName, byte[] zip) {
        return attachment(fileName, "application/zip", zip);
    }

    @Test
    void textOnlyMailShouldHaveNoAttachments() {
        assertThat(inspect(message(BODY)).attachments()).isEmpty();
        assertThat(inspect(message(mixed(BODY))).attachments()).isEmpty();
        assertThat(inspect(message(multipart("alternative", "alt", BODY,
            "Content-Type: text/html; charset=UTF-8\n\n<p>Hello Bob</p>\n"))).attachments()).isEmpty();
    }

    @Test
    void mailWithoutContentTypeShouldBeText() {
        assertThat(inspect("From: alice@example.com\nSubject: hi\n\nHello\n").attachments()).isEmpty();
    }

    @Test
    void plainAttachmentShouldBeDescribed() {
        Attachment report = only(inspect(message(mixed(BODY, attachment("Report.PDF", "Application/PDF", PDF)))));

        assertThat(report.fileName()).contains("Report.PDF");
        assertThat(report.description()).isEqualTo("Report.PDF");
        assertThat(report.location()).containsExactly("Report.PDF");
        assertThat(report.declaredType()).isEqualTo("application/pdf");
        assertThat(report.sniffedKind()).contains("pdf");
        assertThat(report.size()).isEqualTo(PDF.length);
        assertThat(report.encryptedArchive()).isFalse();
        assertThat(report.unreadableArchive()).isFalse();
        assertThat(report.unit()).containsExactly(1);
    }

    @Test
    void executableRenamedPdfShouldBeSniffed() {
        Attachment invoice = only(inspect(message(mixed(BODY, attachment("invoice.pdf", "application/pdf", EXE)))));

        assertThat(invoice.fileName()).contains("invoice.pdf");
        assertThat(invoice.declaredType()).isEqualTo("application/pdf");
        assertThat(invoice.sniffedKind()).contains("executable");
    }

    @Test
    void scriptAndOfficeMacroShouldBeSniffed() {
        Inspection inspection = inspect(message(mixed(BODY,
            attachment("run.txt", "text/plain", SCRIPT),
            attachment("budget.xls", "application/vnd.ms-excel", OLE2))));

        assertThat(inspection.attachments()).extracting(found -> found.sniffedKind().orElse(""))
            .containsExactly("script", "office-macro");
    }

    @Test
    void fileNameShouldComeFromContentTypeNameWhenThereIsNoDisposition() {
        Attachment found = only(inspect(message(mixed(BODY,
            "Content-Type: application/octet-stream; name=\"setup.exe\"\n" + Mails.base64Body(EXE)))));

        assertThat(found.fileName()).contains("setup.exe");
    }

    @Test
    void encodedFileNamesShouldBeDecoded() {
        Inspection inspection = inspect(message(mixed(BODY,
            "Content-Type: application/octet-stream\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%C3%BCbersicht%2Eexe\n"
                + Mails.base64Body(EXE),
            "Content-Type: application/octet-stream\n"
                + "Content-Disposition: attachment;\n filename*0*=UTF-8''Rechnung%20;\n filename*1=\"Mai.js\"\n"
                + Mails.base64Body(TEXT),
            "Content-Type: application/octet-stream; name=\"=?UTF-8?B?w7xiZXJzaWNodC5zY3I=?=\"\n"
                + Mails.base64Body(TEXT))));

        assertThat(inspection.attachments()).extracting(found -> found.fileName().orElseThrow())
            .containsExactly("\u00fcbersicht.exe", "Rechnung Mai.js", "\u00fcbersicht.scr");
    }

    @Test
    void unnamedPartsThatAreNotTextBodiesShouldBeAttachments() {
        Inspection inspection = inspect(message(mixed(BODY,
            "Content-Type: image/png\nContent-ID: <logo>\n" + Mails.base64Body(TEXT),
            "Content-Type: text/plain\nContent-Disposition: attachment\n\nnotes\n",
            "Content-Type: text/calendar; charset=UTF-8\n\nBEGIN:VCALENDAR\n")));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("(image/png)", "(text/plain)", "(text/calendar)");
        assertThat(inspection.attachments()).allSatisfy(found -> assertThat(found.fileName()).isEmpty());
    }

    @Test
    void namedTextShouldBeAnAttachment() {
        Attachment notes = only(inspect(message(mixed(BODY,
            "Content-Type: text/plain; name=\"notes.txt\"\nContent-Disposition: inline\n\nnotes\n"))));

        assertThat(notes.fileName()).contains("notes.txt");
    }

    @Test
    void unitShouldBeThePathInTheTopLevelTree() {
        Inspection inspection = inspect(message(mixed(
            multipart("alternative", "alt", BODY, "Content-Type: text/html\n\n<p>hi</p>\n"),
            multipart("mixed", "inner", attachment("a.pdf", "application/pdf", PDF), attachment("b.exe", "application/octet-stream", EXE)),
            attachment("c.txt", "text/plain", TEXT))));

        assertThat(inspection.attachments()).extracting(Attachment::unit)
            .containsExactly(List.of(1, 0), List.of(1, 1), List.of(2));
    }

    @Test
    void singlePartMailThatIsAnAttachmentShouldBeItsOwnUnit() {
        Attachment found = only(inspect(message(attachment("payload.exe", "application/octet-stream", EXE))));

        assertThat(found.unit()).isEmpty();
        assertThat(found.sniffedKind()).contains("executable");
    }

    @Test
    void sizeShouldBeDecodedBytes() {
        byte[] data = new byte[100_000];
        Attachment found = only(inspect(message(mixed(BODY, attachment("data.bin", "application/octet-stream", data)))));

        assertThat(found.size()).isEqualTo(100_000);
    }

    @Test
    void zipMembersShouldBeListedInsideTheirArchive() {
        Inspection inspection = inspect(message(mixed(BODY,
            zipPart("invoice.zip", Zips.zip("docs/", new byte[0], "docs/readme.txt", TEXT, "docs/payload.exe", EXE)))));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("invoice.zip", "invoice.zip > docs/readme.txt", "invoice.zip > docs/payload.exe");
        Attachment archive = inspection.attachments().get(0);
        Attachment payload = inspection.attachments().get(2);
        assertThat(archive.sniffedKind()).contains("archive");
        assertThat(archive.declaredType()).isEqualTo("application/zip");
        assertThat(payload.fileName()).contains("docs/payload.exe");
        assertThat(payload.declaredType()).isEmpty();
        assertThat(payload.sniffedKind()).contains("executable");
        assertThat(payload.size()).isEqualTo(EXE.length);
        assertThat(inspection.attachments()).extracting(Attachment::unit).containsOnly(List.of(1));
    }

    @Test
    void zipsShouldBeRecognizedByContentNotByName() {
        Inspection inspection = inspect(message(mixed(BODY,
            attachment("photo.jpg", "image/jpeg", Zips.zip("payload.exe", EXE)))));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("photo.jpg", "photo.jpg > payload.exe");
    }

    @Test
    void zipsInZipsShouldBeOpenedThreeDeep() {
        byte[] third = Zips.zip("deepest.exe", EXE);
        byte[] second = Zips.zip("third.zip", third);
        byte[] first = Zips.zip("second.zip", second);
        Inspection inspection = inspect(message(mixed(BODY, zipPart("first.zip", first))));

        assertThat(inspection.attachments()).extracting(Attachment::description).containsExactly(
            "first.zip", "first.zip > second.zip", "first.zip > second.zip > third.zip",
            "first.zip > second.zip > third.zip > deepest.exe");
        assertThat(inspection.attachments().get(3).sniffedKind()).contains("executable");
        assertThat(inspection.attachments()).noneMatch(Attachment::unreadableArchive);
    }

    @Test
    void zipNestedDeeperShouldBeUnreadable() {
        byte[] fourth = Zips.zip("deepest.exe", EXE);
        byte[] first = Zips.zip("second.zip", Zips.zip("third.zip", Zips.zip("fourth.zip", fourth)));
        Inspection inspection = inspect(message(mixed(BODY, zipPart("first.zip", first))));

        Attachment last = inspection.attachments().get(inspection.attachments().size() - 1);
        assertThat(last.description()).isEqualTo("first.zip > second.zip > third.zip > fourth.zip");
        assertThat(last.sniffedKind()).contains("archive");
        assertThat(last.unreadableArchive()).isTrue();
    }

    @Test
    void encryptedZipShouldBeFlaggedAndItsNamesListed() {
        byte[] plain = Zips.stored("secret.exe", EXE, "readme.txt", TEXT);
        for (boolean[] where : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            Inspection inspection = inspect(message(mixed(BODY, zipPart("locked.zip", Zips.encryptFirst(plain, where[0], where[1])))));

            assertThat(inspection.attachments()).extracting(Attachment::description)
                .containsExactly("locked.zip", "locked.zip > secret.exe", "locked.zip > readme.txt");
            assertThat(inspection.attachments().get(0).encryptedArchive()).isTrue();
            assertThat(inspection.attachments().get(0).unreadableArchive()).isFalse();
            assertThat(inspection.attachments().get(1).size()).isEqualTo(EXE.length);
            assertThat(inspection.attachments().get(2).sniffedKind()).isEmpty();
        }
    }

    static Stream<Arguments> damagedZips() {
        byte[] zip = Zips.stored("payload.exe", EXE);
        int end = zip.length - 22;
        return Stream.of(
            Arguments.of("truncated", Arrays.copyOf(zip, zip.length - 30)),
            Arguments.of("directory beyond its end", patched(zip, end + 16, 0xff)),
            Arguments.of("no end of central directory", Arrays.copyOf(zip, end)),
            Arguments.of("corrupt deflate data", patched(Zips.zip("payload.exe", new byte[4096]), 41, 0xff, 0xff, 0xff, 0xff)));
    }

    static byte[] patched(byte[] data, int offset, int... bytes) {
        byte[] patched = data.clone();
        for (int i = 0; i < bytes.length; i++) {
            patched[offset + i] = (byte) bytes[i];
        }
        return patched;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedZips")
    void damagedZipShouldBeAnUnreadableArchiveNotUnparseableMail(String damage, byte[] zip) {
        Attachment archive = inspect(message(mixed(BODY, zipPart("broken.zip", zip)))).attachments().get(0);

        assertThat(archive.description()).isEqualTo("broken.zip");
        assertThat(archive.sniffedKind()).contains("archive");
        assertThat(archive.unreadableArchive()).isTrue();
        assertThat(archive.encryptedArchive()).isFalse();
    }

    @Test
    void memberWithUnsupportedCompressionShouldMakeTheArchiveUnreadable() {
        byte[] zip = Zips.methodOfFirst(Zips.stored("payload.exe", EXE, "readme.txt", TEXT), 14);
        Inspection inspection = inspect(message(mixed(BODY, zipPart("lzma.zip", zip))));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("lzma.zip", "lzma.zip > payload.exe", "lzma.zip > readme.txt");
        assertThat(inspection.attachments().get(0).unreadableArchive()).isTrue();
        assertThat(inspection.attachments().get(1).sniffedKind()).isEmpty();
    }

    @Test
    void archiveBeyondTheMemberLimitShouldBeUnreadable() {
        Object[] members = new Object[2 * (InspectionBudget.MAX_MEMBERS + 1)];
        for (int i = 0; i < members.length; i += 2) {
            members[i] = "file" + i + ".txt";
            members[i + 1] = TEXT;
        }
        Inspection inspection = inspect(message(mixed(BODY, zipPart("many.zip", Zips.zip(members)))));

        assertThat(inspection.attachments()).hasSize(1 + InspectionBudget.MAX_MEMBERS);
        assertThat(inspection.attachments().get(0).unreadableArchive()).isTrue();
    }

    @Test
    void zipBombShouldBeCutAtTheByteLimit() {
        byte[] bomb = Zips.zip("zeros.bin", new byte[10_000_000], "payload.exe", EXE);
        Inspection inspection = MessageInspector.inspect(parse(message(mixed(BODY, zipPart("bomb.zip", bomb)))),
            new InspectionBudget(InspectionBudget.MAX_MEMBERS, 1_000_000));

        assertThat(inspection.unparseable()).isEmpty();
        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("bomb.zip", "bomb.zip > zeros.bin", "bomb.zip > payload.exe");
        assertThat(inspection.attachments().get(0).unreadableArchive()).isTrue();
        assertThat(inspection.attachments().get(1).size()).isEqualTo(10_000_000);
    }

    @Test
    void zipPartsBeyondTheByteLimitShouldStayClosed() {
        byte[] zip = Zips.zip("payload.exe", EXE);
        Inspection inspection = MessageInspector.inspect(parse(message(mixed(BODY, zipPart("a.zip", zip), zipPart("b.zip", zip)))),
            new InspectionBudget(InspectionBudget.MAX_MEMBERS, zip.length + EXE.length + zip.length - 1));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("a.zip", "a.zip > payload.exe", "b.zip");
        assertThat(inspection.attachments()).extracting(Attachment::unreadableArchive).containsExactly(false, false, true);
    }

    @Test
    void officeDocumentsShouldNotBeArchives() {
        byte[] docm = Zips.zip("[Content_Types].xml", TEXT, "word/document.xml", TEXT, "word/vbaProject.bin", OLE2);
        byte[] docx = Zips.zip("[Content_Types].xml", TEXT, "word/document.xml", TEXT);
        Inspection inspection = inspect(message(mixed(BODY,
            attachment("macro.docm", "application/vnd.ms-word.document.macroEnabled.12", docm),
            attachment("plain.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx))));

        Attachment macro = inspection.attachments().get(0);
        Attachment plain = inspection.attachments().get(4);
        assertThat(macro.description()).isEqualTo("macro.docm");
        assertThat(macro.sniffedKind()).contains("office-macro");
        assertThat(plain.description()).isEqualTo("plain.docx");
        assertThat(plain.sniffedKind()).isEmpty();
        assertThat(inspection.attachments()).extracting(Attachment::description)
            .contains("macro.docm > word/vbaProject.bin", "plain.docx > word/document.xml");
    }

    @Test
    void attachedMessageShouldBeInspectedAndStrippedWhole() {
        String forwarded = "From: carol@example.com\nSubject: fwd\nMIME-Version: 1.0\n"
            + multipart("mixed", "fwd", BODY, attachment("tool.exe", "application/octet-stream", EXE),
                attachment("report.pdf", "application/pdf", PDF));
        Inspection inspection = inspect(message(mixed(BODY, attachedMessage("forwarded.eml", forwarded))));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("forwarded.eml", "forwarded.eml > tool.exe", "forwarded.eml > report.pdf");
        assertThat(inspection.attachments().get(0).declaredType()).isEqualTo("message/rfc822");
        assertThat(inspection.attachments().get(1).sniffedKind()).contains("executable");
        assertThat(inspection.attachments()).extracting(Attachment::unit).containsOnly(List.of(1));
    }

    @Test
    void internationalizedMessagesShouldBeInspectedToo() {
        String forwarded = "Subject: fwd\n" + multipart("mixed", "fwd", BODY, attachment("tool.exe", "application/octet-stream", EXE));
        Inspection inspection = inspect(message(mixed(BODY, "Content-Type: message/global\n\n" + forwarded)));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("(message/global)", "(message/global) > tool.exe");
    }

    @Test
    void messagesInMessagesShouldBeInspected() {
        String inner = "Subject: inner\n" + multipart("mixed", "inner", BODY, zipPart("tools.zip", Zips.zip("x.exe", EXE)));
        String middle = "Subject: middle\n" + multipart("mixed", "middle", BODY,
            "Content-Type: message/rfc822\n\n" + inner);
        Inspection inspection = inspect(message(mixed(BODY, attachment("a.pdf", "application/pdf", PDF),
            attachedMessage("middle.eml", middle))));

        assertThat(inspection.attachments()).extracting(Attachment::description).containsExactly(
            "a.pdf", "middle.eml", "middle.eml > (message/rfc822)", "middle.eml > (message/rfc822) > tools.zip",
            "middle.eml > (message/rfc822) > tools.zip > x.exe");
        assertThat(inspection.attachments().subList(1, 5)).extracting(Attachment::unit).containsOnly(List.of(2));
    }

    @Test
    void digestPartsWithoutContentTypeShouldBeMessages() {
        String digested = "Subject: digested\n" + multipart("mixed", "inner", BODY, attachment("x.exe", "application/octet-stream", EXE));
        Inspection inspection = inspect(message(multipart("digest", "digest", "\n" + digested)));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("(message/rfc822)", "(message/rfc822) > x.exe");
        assertThat(inspection.attachments()).extracting(Attachment::unit).containsOnly(List.of(0));
    }

    @Test
    void attachmentsShouldBeFoundWhateverTheirEncoding() {
        Inspection inspection = inspect(message(mixed(BODY,
            "Content-Type: application/octet-stream; name=\"a.sh\"\nContent-Transfer-Encoding: quoted-printable\n\n#!/bin/sh=0A=\necho hi\n",
            "Content-Type: application/octet-stream; name=\"b.sh\"\n\n#!/bin/sh\n")));

        assertThat(inspection.attachments()).extracting(found -> found.sniffedKind()).containsOnly(Optional.of("script"));
    }
}
