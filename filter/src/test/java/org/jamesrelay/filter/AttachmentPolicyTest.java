package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jamesrelay.core.AttachmentRule;
import org.jamesrelay.core.FilterAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttachmentPolicyTest {
    static final Attachment PAYLOAD = new Attachment(List.of("invoice.zip", "docs/Payload.EXE"), Names.of("Payload.EXE"), "",
        Optional.of("executable"), 2048, false, false, List.of(1));
    static final Attachment REPORT = new Attachment(List.of("report.pdf"), Names.of("report.pdf"), "application/pdf",
        Optional.of("pdf"), 20_000_000, false, false, List.of(2));
    static final Attachment LOCKED = new Attachment(List.of("locked.zip"), Names.of("locked.zip"), "application/zip",
        Optional.of("archive"), 4096, true, false, List.of(3));
    static final Attachment BROKEN = new Attachment(List.of("broken.zip"), Names.of("broken.zip"), "application/zip",
        Optional.of("archive"), 4096, false, true, List.of(4));
    static final Attachment LOGO = new Attachment(List.of("(image/png)"), Names.none(), "image/png",
        Optional.empty(), 512, false, false, List.of(5));

    static AttachmentRule rule(FilterAction action, List<String> names, List<String> types, Set<String> sniffed,
                               boolean encrypted, OptionalLong largerThan, boolean unparseable) {
        return new AttachmentRule("*", action, names, types, sniffed, encrypted, largerThan, unparseable);
    }

    static AttachmentRule names(FilterAction action, String... globs) {
        return rule(action, List.of(globs), List.of(), Set.of(), false, OptionalLong.empty(), false);
    }

    static AttachmentRule types(String... types) {
        return rule(FilterAction.REJECT, List.of(), List.of(types), Set.of(), false, OptionalLong.empty(), false);
    }

    static AttachmentRule sniffed(FilterAction action, String... kinds) {
        return rule(action, List.of(), List.of(), Set.of(kinds), false, OptionalLong.empty(), false);
    }

    static AttachmentRule encryptedArchives() {
        return rule(FilterAction.QUARANTINE, List.of(), List.of(), Set.of(), true, OptionalLong.empty(), false);
    }

    static AttachmentRule largerThan(long bytes) {
        return rule(FilterAction.STRIP, List.of(), List.of(), Set.of(), false, OptionalLong.of(bytes), false);
    }

    static AttachmentRule unparseable(FilterAction action) {
        return rule(action, List.of(), List.of(), Set.of(), false, OptionalLong.empty(), true);
    }

    static Inspection parsed(Attachment... attachments) {
        return Inspection.parsed(List.of(attachments));
    }

    static List<String> findings(FilterVerdict verdict) {
        return verdict.findings().stream().map(Finding::toString).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void namesShouldMatchCaseInsensitiveGlobs() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT, LOGO), List.of(names(FilterAction.STRIP, "*.js", "*.exe")));

        assertThat(findings(verdict)).containsExactly("\"invoice.zip > docs/Payload.EXE\" name *.exe");
        assertThat(verdict.findings().get(0).attachment()).contains(PAYLOAD);
        assertThat(verdict.action()).contains(FilterAction.STRIP);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "application/pdf, true",
        "application/*, true",
        "Application/PDF, true",
        "image/*, false",
        "application/zip, false"
    })
    void typesShouldMatchDeclaredTypes(String type, boolean matches) {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT), List.of(types(type)));

        assertThat(findings(verdict)).isEqualTo(matches ? List.of("\"report.pdf\" type application/pdf") : List.of());
    }

    @Test
    void sniffedKindsShouldMatch() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT, LOCKED, LOGO),
            List.of(sniffed(FilterAction.REJECT, "executable", "archive")));

        assertThat(findings(verdict)).containsExactly(
            "\"invoice.zip > docs/Payload.EXE\" sniffed executable", "\"locked.zip\" sniffed archive");
    }

    @Test
    void encryptedArchivesShouldMatchEncryptedAndUnreadableArchives() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, LOCKED, BROKEN), List.of(encryptedArchives()));

        assertThat(findings(verdict)).containsExactly("\"locked.zip\" encrypted archive", "\"broken.zip\" unreadable archive");
    }

    @Test
    void sizeShouldMatchAboveTheLimitOnly() {
        assertThat(findings(AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT), List.of(largerThan(10_485_760)))))
            .containsExactly("\"report.pdf\" larger than 10485760 bytes");
        assertThat(findings(AttachmentPolicy.evaluate(parsed(PAYLOAD), List.of(largerThan(2048))))).isEmpty();
        assertThat(findings(AttachmentPolicy.evaluate(parsed(PAYLOAD), List.of(largerThan(2047))))).hasSize(1);
    }

    @Test
    void anyConditionOfARuleShouldMatch() {
        AttachmentRule rule = rule(FilterAction.REJECT, List.of("*.scr"), List.of("image/*"), Set.of("pdf"), false,
            OptionalLong.empty(), false);

        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT, LOGO), List.of(rule));

        assertThat(findings(verdict)).containsExactly("\"report.pdf\" sniffed pdf", "\"(image/png)\" type image/png");
    }

    @Test
    void noMatchShouldDeliverUnchanged() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(REPORT, LOGO), List.of(names(FilterAction.REJECT, "*.exe")));

        assertThat(verdict.action()).isEmpty();
        assertThat(verdict.findings()).isEmpty();
        assertThat(AttachmentPolicy.evaluate(parsed(), List.of()).action()).isEmpty();
    }

    @Test
    void strictestActionShouldWin() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(PAYLOAD, REPORT), List.of(
            names(FilterAction.STRIP, "*.pdf"), sniffed(FilterAction.QUARANTINE, "executable"), names(FilterAction.STRIP, "*.exe")));

        assertThat(verdict.action()).contains(FilterAction.QUARANTINE);
        assertThat(verdict.findings()).extracting(Finding::action)
            .containsExactly(FilterAction.STRIP, FilterAction.QUARANTINE, FilterAction.STRIP);
        assertThat(verdict.findings()).extracting(Finding::rule).doesNotHaveDuplicates();
    }

    @Test
    void unparseableMailShouldMatchOnlyRulesThatSaySo() {
        Inspection inspection = Inspection.unparseable(List.of(), "missing final boundary");

        assertThat(AttachmentPolicy.evaluate(inspection, List.of(names(FilterAction.REJECT, "*")))
            .action()).isEmpty();
        FilterVerdict verdict = AttachmentPolicy.evaluate(inspection, List.of(unparseable(FilterAction.REJECT)));
        assertThat(verdict.action()).contains(FilterAction.REJECT);
        assertThat(verdict.findings().get(0).attachment()).isEmpty();
        assertThat(verdict.findings().get(0).reason()).isEqualTo("unparseable: missing final boundary");
    }

    @Test
    void parseableMailShouldNotMatchUnparseableRules() {
        assertThat(AttachmentPolicy.evaluate(parsed(PAYLOAD), List.of(unparseable(FilterAction.REJECT))).findings()).isEmpty();
    }

    @Test
    void unparseableMailCannotBeStrippedSoItIsQuarantined() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(Inspection.unparseable(List.of(), "broken base64 content"),
            List.of(unparseable(FilterAction.STRIP)));

        assertThat(verdict.action()).contains(FilterAction.QUARANTINE);
        assertThat(verdict.findings().get(0).rule().action()).isEqualTo(FilterAction.STRIP);
    }

    @Test
    void attachmentsFoundInUnparseableMailShouldStillMatch() {
        Inspection inspection = Inspection.unparseable(List.of(PAYLOAD), "missing final boundary");

        FilterVerdict verdict = AttachmentPolicy.evaluate(inspection,
            List.of(unparseable(FilterAction.QUARANTINE), sniffed(FilterAction.REJECT, "executable")));

        assertThat(verdict.action()).contains(FilterAction.REJECT);
        assertThat(findings(verdict)).containsExactly("unparseable: missing final boundary",
            "\"invoice.zip > docs/Payload.EXE\" sniffed executable");
    }

    @Test
    void reasonsShouldBeAscii() {
        Attachment spoofed = new Attachment(List.of("rechnung\u202Eexe.pdf"), Names.of("rechnung\u202Eexe.pdf"),
            "application/x-\u00fc", Optional.empty(), 1, false, false, List.of(1));

        FilterVerdict verdict = AttachmentPolicy.evaluate(parsed(spoofed),
            List.of(names(FilterAction.STRIP, "rechnung*"), types("application/*")));

        assertThat(verdict.findings()).extracting(Finding::reason).containsExactly("name rechnung*", "type application/x-?");
    }
}
