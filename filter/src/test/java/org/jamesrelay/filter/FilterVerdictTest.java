package org.jamesrelay.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jamesrelay.filter.AttachmentPolicyTest.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.FilterAction;
import org.junit.jupiter.api.Test;

class FilterVerdictTest {
    static final String PRINTABLE_LINE = "[\\x20-\\x7e]{1," + FilterVerdict.MAX_SUMMARY + "}";

    static Attachment named(String name) {
        return new Attachment(List.of("mail.zip", name), Names.of(name), "", Optional.empty(), 1, false, false, List.of(1));
    }

    static FilterVerdict verdict(Attachment... attachments) {
        return AttachmentPolicy.evaluate(Inspection.parsed(List.of(attachments)), List.of(names(FilterAction.REJECT, "*")));
    }

    @Test
    void summaryShouldListTheFindings() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(Inspection.unparseable(List.of(named("a.exe")), "missing final boundary"),
            List.of(AttachmentPolicyTest.unparseable(FilterAction.QUARANTINE), names(FilterAction.REJECT, "*.exe")));

        assertThat(verdict.summary()).isEqualTo("unparseable: missing final boundary; \"mail.zip > a.exe\" name *.exe");
    }

    @Test
    void summaryWithoutFindingsShouldSaySo() {
        assertThat(verdict().summary()).isEqualTo("no attachment rule matched");
    }

    @Test
    void summaryShouldBeOnePrintableAsciiLine() {
        FilterVerdict verdict = verdict(named("evil\r\nX-Injected: yes.exe"), named("rechnung\u202Eexe.pdf"),
            named("\u00fcbersicht \"quoted\".exe"), named("tab\there\u0000.js"));

        assertThat(verdict.summary()).matches(PRINTABLE_LINE);
        assertThat(verdict.summary()).contains("\"mail.zip > evil??X-Injected: yes.exe\"", "\"mail.zip > rechnung?exe.pdf\"",
            "\"mail.zip > ?bersicht 'quoted'.exe\"");
    }

    @Test
    void summaryShouldBeCutAndSayHowManyFindingsAreLeftOut() {
        List<Attachment> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(named("attachment-number-" + i + ".exe"));
        }

        String summary = verdict(many.toArray(new Attachment[0])).summary();

        assertThat(summary).matches(PRINTABLE_LINE);
        assertThat(summary).startsWith("\"mail.zip > attachment-number-0.exe\" name *; ");
        assertThat(summary).matches(".*; \"mail.zip > attachment-number-\\d+\\.exe\" name \\* \\(\\+\\d+ more\\)");
        int shown = summary.split("; ").length;
        assertThat(summary).endsWith("(+" + (40 - shown) + " more)");
    }

    @Test
    void longDescriptionsShouldBeShortened() {
        String summary = verdict(named("x".repeat(1000) + ".exe"), named("y".repeat(1000) + ".exe")).summary();

        assertThat(summary).matches(PRINTABLE_LINE);
        assertThat(summary).contains("xxx...\" name *");
    }

    @Test
    void identicalEntriesShouldBeListedOnce() {
        FilterVerdict verdict = AttachmentPolicy.evaluate(Inspection.parsed(List.of(named("a.exe"))),
            List.of(names(FilterAction.REJECT, "*.exe"), names(FilterAction.STRIP, "*.exe")));

        assertThat(verdict.findings()).hasSize(2);
        assertThat(verdict.summary()).isEqualTo("\"mail.zip > a.exe\" name *.exe");
    }
}
