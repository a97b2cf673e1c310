package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.filter.Mails.EXE;
import static org.jamesrelay.filter.Mails.TEXT;
import static org.jamesrelay.filter.Mails.ascii;
import static org.jamesrelay.filter.Mails.attachment;
import static org.jamesrelay.filter.Mails.message;
import static org.jamesrelay.filter.Mails.mixed;
import static org.jamesrelay.filter.Mails.BODY;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The disguises an attacker tries, each under the rule of the issue that asked for them: none may pass. Clean
 * archives of every format pass.
 */
class ArchiveCorpusTest {
    static final AttachmentRule STRIP_SCRIPTS = new AttachmentRule("*", FilterAction.STRIP, List.of("*.exe", "*.js", "*.vbs"),
        List.of(), Set.of("executable", "script"), false, OptionalLong.empty(), false);
    static final AttachmentRule STRIP_ARCHIVE_TRICKS = new AttachmentRule("*", FilterAction.STRIP, List.of(), List.of(),
        Set.of("archive"), false, OptionalLong.empty(), false);
    static final byte[] JS = ascii("var shell = new ActiveXObject('WScript.Shell'); shell.Run('calc');\n");
    static final byte[] HARMLESS_JS = ascii("alert(1);\n");

    static Stream<Arguments> disguises() {
        return Stream.of(
            Arguments.of("zip: x.txt, Unicode path x.js", "a.zip", Archives.zipWithUnicodePath("x.txt", "x.js", TEXT)),
            Arguments.of("zip: local header x.txt, central directory 'x.js '", "a.zip", Archives.zipRenamed("x.txt", "x.js ", false, TEXT)),
            Arguments.of("zip: local header 'x.js ', central directory x.txt", "a.zip", Archives.zipRenamed("x.txt", "x.js ", true, TEXT)),
            Arguments.of("zip: x.js in the local headers only", "a.zip", Archives.zipWithHiddenMember("a.txt", TEXT, "x.js", HARMLESS_JS)),
            Arguments.of("zip: x.js.", "a.zip", Zips.zip("x.js.", HARMLESS_JS)),
            Arguments.of("zip: 'x.js .'", "a.zip", Zips.zip("x.js .", HARMLESS_JS)),
            Arguments.of("zip: alternate data stream x.txt:evil.js", "a.zip", Zips.zip("x.txt:evil.js", HARMLESS_JS)),
            Arguments.of("zip: x.js and a right-to-left mark", "a.zip", Zips.zip("x.js\u200f", HARMLESS_JS)),
            Arguments.of("zip: x.js with a backslash path", "a.zip", Zips.zip("docs\\x.js", HARMLESS_JS)),
            Arguments.of("attachment x.js.", "x.js.", HARMLESS_JS),
            Arguments.of("attachment 'x.js .'", "x.js .", HARMLESS_JS),
            Arguments.of("attachment x.txt:evil.js", "x.txt:evil.js", HARMLESS_JS),
            Arguments.of("tgz holding x.js", "a.tgz", Archives.gzip(Archives.tar("x.js", HARMLESS_JS))),
            Arguments.of("tar holding x.js", "a.tar", Archives.tar("x.js", HARMLESS_JS)),
            Arguments.of("old (v7) tar holding x.js", "a.dat", Archives.oldTar("x.js", HARMLESS_JS)),
            Arguments.of("tar: PAX path x.js, header name x.txt", "a.tar", Archives.tarWithPax("x.txt", TEXT, "path=x.js")),
            Arguments.of("tar: long name ending in .js", "a.tar", Archives.tar("d/" + "n".repeat(120) + ".js", HARMLESS_JS)),
            Arguments.of("tar.bz2 holding x.js", "a.tar.bz2", Archives.bzip2(Archives.tar("x.js", HARMLESS_JS))),
            Arguments.of("x.js.gz", "x.js.gz", Archives.gzip(HARMLESS_JS)),
            Arguments.of("gzip whose header names x.js", "notes.gz", Archives.gzip("x.js", HARMLESS_JS)),
            Arguments.of("7z holding x.js, which James cannot open", "a.7z", Archives.sevenZ()),
            Arguments.of("zip > tgz > zip > script, all named .txt", "a.zip",
                Zips.zip("notes.txt", Archives.gzip(Archives.tar("more.txt", Zips.zip("last.txt", JS))))),
            Arguments.of("zip holding a tgz named .txt", "a.zip", Zips.zip("notes.txt", Archives.gzip(Archives.tar("x.js", HARMLESS_JS)))),
            Arguments.of("tar holding a zip holding an executable", "a.tar", Archives.tar("a.dat", Zips.zip("b.dat", EXE))),
            Arguments.of("tar.bz2 holding a tgz holding x.vbs", "a.bin",
                Archives.bzip2(Archives.tar("a.bin", Archives.gzip(Archives.tar("x.vbs", TEXT))))),
            Arguments.of("xz, which James cannot open", "a.txt.xz", Archives.xz()),
            Arguments.of("rar", "a.rar", Archives.rar()),
            Arguments.of("tar with a PAX time commons-compress 1.22 spins on", "a.tar",
                Archives.tarWithPax("x.txt", TEXT, "mtime=1e999999")),
            Arguments.of("zip > zip > zip > zip: one level too deep", "a.zip",
                Zips.zip("1.zip", Zips.zip("2.zip", Zips.zip("3.zip", Zips.zip("x.txt", TEXT))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disguises")
    void disguisedScriptsShouldBeStripped(String disguise, String fileName, byte[] data) {
        FilterVerdict verdict = AttachmentPolicy.evaluate(inspect(fileName, data), List.of(STRIP_SCRIPTS));

        assertThat(verdict.action()).as(verdict.summary()).contains(FilterAction.STRIP);
        assertThat(verdict.findings()).allSatisfy(finding -> assertThat(finding.attachment().orElseThrow().unit()).isEqualTo(List.of(1)));
    }

    static Stream<Arguments> cleanArchives() {
        return Stream.of(
            Arguments.of("zip", Zips.zip("docs/notes.txt", TEXT, "docs/report.pdf", Mails.PDF)),
            Arguments.of("zip with a Unicode path that agrees", Archives.zipWithUnicodePath("Gr\u00f6sse.txt", "Gr\u00f6sse.txt", TEXT)),
            Arguments.of("tgz", Archives.gzip(Archives.tar("notes.txt", TEXT, "d/" + "n".repeat(120) + ".txt", TEXT))),
            Arguments.of("tar.bz2", Archives.bzip2(Archives.tar("notes.txt", TEXT))),
            Arguments.of("old (v7) tar", Archives.oldTar("notes.txt", TEXT)),
            Arguments.of("tar with ordinary PAX times", Archives.tarWithPax("notes.txt", TEXT, "mtime=1764930000.123456789")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cleanArchives")
    void cleanArchivesShouldPassAndBeOpened(String format, byte[] data) {
        Inspection inspection = inspect("files", data);

        assertThat(AttachmentPolicy.evaluate(inspection, List.of(STRIP_SCRIPTS, STRIP_ARCHIVE_TRICKS_BUT_NOT_ARCHIVES)).findings()).isEmpty();
        assertThat(inspection.attachments()).hasSizeGreaterThan(1);
        assertThat(inspection.attachments().get(0).unreadableArchive()).isFalse();
    }

    static final AttachmentRule STRIP_ARCHIVE_TRICKS_BUT_NOT_ARCHIVES = new AttachmentRule("*", FilterAction.STRIP, List.of(), List.of(),
        Set.of(), false, OptionalLong.empty(), true);

    @Test
    void namesThatDisagreeShouldBeAFindingOfTheirOwn() {
        Inspection inspection = inspect("a.zip", Archives.zipWithUnicodePath("x.txt", "x.pdf", TEXT));

        FilterVerdict verdict = AttachmentPolicy.evaluate(inspection, List.of(STRIP_ARCHIVE_TRICKS));

        assertThat(verdict.findings()).extracting(Finding::reason).contains("names disagree: x.txt / x.pdf");
        assertThat(AttachmentPolicy.evaluate(inspection, List.of(STRIP_SCRIPTS)).findings()).isEmpty();
    }

    @Test
    void deviceNamesShouldBeAFindingOfTheirOwn() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(inspect("a.zip", Zips.zip("CON.txt", TEXT)), List.of(STRIP_ARCHIVE_TRICKS_BUT_NOT_ARCHIVES));

        assertThat(verdict.findings()).extracting(Finding::reason).containsExactly("device name CON.txt");
    }

    @Test
    void membersShouldBeNamedByTheirPathsInEveryFormat() {
        Inspection inspection = inspect("a.tgz", Archives.gzip(Archives.tar("docs/x.txt", TEXT)));

        assertThat(inspection.attachments()).extracting(Attachment::description)
            .containsExactly("a.tgz", "a.tgz > a.tar", "a.tgz > a.tar > docs/x.txt");
        assertThat(inspection.attachments().get(2).size()).isEqualTo(TEXT.length);
    }

    @Test
    void xzRarAnd7zShouldBeUnreadableArchivesMatchedByEncryptedArchivesAndUnparseable() {
        AttachmentRule encrypted = new AttachmentRule("*", FilterAction.REJECT, List.of(), List.of(), Set.of(), true, OptionalLong.empty(), false);
        for (byte[] data : List.of(Archives.xz(), Archives.rar(), Archives.sevenZ())) {
            Attachment archive = inspect("a.bin", data).attachments().get(0);

            assertThat(archive.unreadableArchive()).isTrue();
            assertThat(AttachmentPolicy.evaluate(inspect("a.bin", data), List.of(encrypted, STRIP_ARCHIVE_TRICKS_BUT_NOT_ARCHIVES)).action())
                .contains(FilterAction.REJECT);
        }
    }

    @Test
    void aBudgetSpentInOneMemberShouldStillListTheNamesOfTheOthers() {
        byte[] tar = Archives.tar("zeros.bin", new byte[2_000_000], "x.js", HARMLESS_JS);
        Inspection inspection = MessageInspector.inspect(Mails.parse(message(mixed(BODY, attachment("a.tar", "application/x-tar", tar)))),
            new InspectionBudget(InspectionBudget.MAX_MEMBERS, tar.length + 1_000_000));

        assertThat(inspection.attachments()).extracting(Attachment::description).containsExactly("a.tar", "a.tar > zeros.bin", "a.tar > x.js");
        assertThat(inspection.attachments().get(0).unreadableArchive()).isTrue();
    }

    @Test
    void aBudgetExactlyLargeEnoughShouldReadEverything() {
        byte[] tar = Archives.tar("a.txt", TEXT, "b.txt", TEXT);
        Inspection inspection = MessageInspector.inspect(Mails.parse(message(mixed(BODY, attachment("a.tar", "application/x-tar", tar)))),
            new InspectionBudget(2, tar.length + 2L * TEXT.length));

        assertThat(inspection.attachments()).hasSize(3);
        assertThat(inspection.attachments().get(0).unreadableArchive()).isFalse();
    }

    @Test
    void aMemberOnlyTheLocalHeadersHaveShouldMakeTheZipUnreadable() {
        Inspection inspection = inspect("a.zip", Archives.zipWithHiddenMember("a.txt", TEXT, "x.js", HARMLESS_JS));

        assertThat(inspection.attachments().get(0).unreadableArchive()).isTrue();
        assertThat(AttachmentPolicy.evaluate(inspection, List.of(STRIP_SCRIPTS)).findings()).extracting(Finding::reason)
            .containsExactly("unreadable archive");
    }

    @Test
    void everyMimeNameShouldBeCheckedDecodedAndAsWindowsSavesIt() {
        String part = "Content-Type: application/octet-stream; name=\"=?UTF-8?Q?x.js=2E?=\"\n"
            + "Content-Disposition: attachment; filename*=UTF-8''x.js%2E\n"
            + Mails.base64Body(HARMLESS_JS);
        Inspection inspection = MessageInspector.inspect(Mails.parse(message(mixed(BODY, part))));

        assertThat(inspection.unparseable()).isEmpty();
        assertThat(AttachmentPolicy.evaluate(inspection, List.of(STRIP_SCRIPTS)).findings()).extracting(Finding::reason)
            .containsExactly("name *.js");
    }

    static Inspection inspect(String fileName, byte[] data) {
        Inspection inspection = MessageInspector.inspect(Mails.parse(message(mixed(BODY, attachment(fileName, "application/octet-stream", data)))));
        assertThat(inspection.unparseable()).isEmpty();
        return inspection;
    }
}
