package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPolicyParserTest {
    private static FilterPolicy parse(String... lines) throws PolicyFileException {
        return PolicyFileParser.parse("relay-policy.conf", String.join("\n", lines)).filters();
    }

    @Test
    void aRelayDomainHasItsOwnRulesAndEveryOtherRecipientTheDefaultOnes() throws Exception {
        FilterPolicy filters = parse(
            "attachment-filter relay.test strip names=*.exe,*.JS sniffed=executable,script",
            "attachment-filter relay.test reject encrypted-archives",
            "attachment-filter relay.test quarantine unparseable larger-than=10M",
            "attachment-filter * quarantine types=application/x-msdownload",
            "header-filter relay.test remove=X-Internal-*,Bcc");

        assertThat(filters.scopeOf("relay.test")).isEqualTo("relay.test");
        assertThat(filters.scopeOf("elsewhere.test")).isEqualTo("*");
        assertThat(filters.attachmentRules("relay.test")).extracting(AttachmentRule::action)
            .containsExactly(FilterAction.STRIP, FilterAction.REJECT, FilterAction.QUARANTINE);
        AttachmentRule strip = filters.attachmentRules("relay.test").get(0);
        assertThat(strip.matchesName("Invoice.EXE")).isTrue();
        assertThat(strip.matchesName("setup.js")).isTrue();
        assertThat(strip.matchesName("invoice.exe.pdf")).isFalse();
        assertThat(strip.sniffed()).containsExactlyInAnyOrder("executable", "script");
        assertThat(filters.attachmentRules("relay.test").get(2).largerThan()).hasValue(10L * 1024 * 1024);
        assertThat(filters.attachmentRules("relay.test").get(2).unparseable()).isTrue();
        assertThat(filters.attachmentRules("*").get(0).matchesType("Application/X-MSDownload")).isTrue();
        assertThat(filters.headerFilter("relay.test").orElseThrow().removes("x-internal-route")).isTrue();
        assertThat(filters.headerFilter("relay.test").orElseThrow().removes("BCC")).isTrue();
        assertThat(filters.headerFilter("relay.test").orElseThrow().removes("X-Mailer")).isFalse();
        assertThat(filters.headerFilter("*")).isEmpty();
    }

    @Test
    void aSubdomainScopeCoversEverySubdomainUnlessOneHasItsOwn() throws Exception {
        FilterPolicy filters = parse(
            "attachment-filter .corp.test strip names=*.exe",
            "header-filter hq.corp.test remove=X-Internal-*");

        assertThat(filters.scopeOf("eu.corp.test")).isEqualTo(".corp.test");
        assertThat(filters.scopeOf("a.b.corp.test")).isEqualTo(".corp.test");
        assertThat(filters.scopeOf("hq.corp.test")).isEqualTo("hq.corp.test");
        assertThat(filters.scopeOf("corp.test")).isEqualTo("*");
        assertThat(filters.attachmentRules(".corp.test")).hasSize(1);
    }

    @Test
    void typeWildcardsMatchEverySubtype() throws Exception {
        AttachmentRule rule = parse("attachment-filter * strip types=application/*").attachmentRules("*").get(0);

        assertThat(rule.matchesType("application/zip")).isTrue();
        assertThat(rule.matchesType("text/plain")).isFalse();
    }

    @Test
    void theAntivirusDefaultsToRejectAndFailingClosed() throws Exception {
        Antivirus antivirus = parse("antivirus clamd=[127.0.0.1]:3310").antivirus().orElseThrow();

        assertThat(antivirus.clamd()).isEqualTo(new NextHop("127.0.0.1", 3310));
        assertThat(antivirus.onVirus()).isEqualTo(FilterAction.REJECT);
        assertThat(antivirus.onFailure()).isEqualTo(Antivirus.OnFailure.TEMPFAIL);
        assertThat(antivirus.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theAntivirusOptionsAreRead() throws Exception {
        Antivirus antivirus = parse("antivirus clamd=[127.0.0.1]:3310 timeout=500ms on-virus=quarantine on-failure=accept").antivirus().orElseThrow();

        assertThat(antivirus.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(antivirus.onVirus()).isEqualTo(FilterAction.QUARANTINE);
        assertThat(antivirus.onFailure()).isEqualTo(Antivirus.OnFailure.ACCEPT);
    }

    @Test
    void noFilterEntriesMeanNoFiltering() throws Exception {
        assertThat(parse("relay-domain relay.test").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "attachment-filter relay.test|attachment-filter needs an action after relay.test: strip, quarantine or reject",
        "attachment-filter relay.test delete names=*.exe|action=delete is not one of strip, quarantine, reject",
        "attachment-filter relay.test strip|matches nothing",
        "attachment-filter relay.test strip sniffed=virus|sniffed=virus is not one of archive, executable, office-macro, pdf, script",
        "attachment-filter relay.test strip larger-than=10X|size '10X' is not a number of bytes, or of K, M or G",
        "attachment-filter relay.test strip names=*.exe colour=red|unknown option colour for attachment-filter",
        "attachment-filter bad..test strip names=*.exe|empty label",
        "header-filter relay.test|header-filter needs remove=",
        "header-filter relay.test remove=X:Bad|'x:bad' is not a header name or NAME-PREFIX*",
        "antivirus [127.0.0.1]:3310|antivirus needs clamd=[HOST]:PORT",
        "antivirus clamd=[127.0.0.1]:3310 on-virus=strip|on-virus=strip is not supported: reject or quarantine",
        "antivirus clamd=[127.0.0.1]:3310 on-failure=ignore|on-failure=ignore is not one of tempfail, accept",
        "antivirus clamd=[127.0.0.1]:3310 timeout=30|duration '30' is not like 500ms, 30s, 2m, 1h or 1d",
    })
    void aBadFilterEntryIsRefusedWithItsLineAndProblem(String entry, String problem) {
        assertThatThrownBy(() -> parse(entry))
            .isInstanceOf(PolicyFileException.class)
            .hasMessageStartingWith("relay-policy.conf:1: '" + entry + "'")
            .hasMessageContaining(problem);
    }

    @Test
    void aSecondHeaderFilterForOneScopeIsRefused() {
        assertThatThrownBy(() -> parse("header-filter * remove=Bcc", "header-filter * remove=X-Internal-*"))
            .hasMessage("relay-policy.conf:2: 'header-filter * remove=X-Internal-*': header-filter * is already set: list every header on one line");
    }

    @Test
    void aSecondAntivirusIsRefused() {
        assertThatThrownBy(() -> parse("antivirus clamd=[127.0.0.1]:3310", "antivirus clamd=[127.0.0.1]:3311"))
            .hasMessageContaining("antivirus is set more than once");
    }
}
