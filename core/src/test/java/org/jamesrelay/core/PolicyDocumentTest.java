package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
    private static final PolicyDocument DOCUMENT = PolicyDocument.of(String.join("\n",
        "# networks",
        "trusted-network 127.0.0.1/32",
        "trusted-network 192.0.2.0/24 senders=a@local.test   # printers",
        "",
        "relay-domain relay.test",
        "relay-recipient info@relay.test",
        "relay-domain backup.test",
        ""));

    private static boolean isNetwork(PolicyDocument.Entry entry, String value) {
        return entry.is("trusted-network", value);
    }

    @Test
    void renderShouldGiveTheTextBack() {
        assertThat(PolicyDocument.of("a x\n# c\n").render()).isEqualTo("a x\n# c\n");
    }

    @Test
    void entriesShouldSkipCommentsAndBlankLines() {
        assertThat(DOCUMENT.texts(entry -> true)).containsExactly("trusted-network 127.0.0.1/32",
            "trusted-network 192.0.2.0/24 senders=a@local.test", "relay-domain relay.test", "relay-recipient info@relay.test",
            "relay-domain backup.test");
        assertThat(DOCUMENT.entries("trusted-network")).extracting(PolicyDocument.Entry::text)
            .containsExactly("trusted-network 127.0.0.1/32", "trusted-network 192.0.2.0/24 senders=a@local.test");
    }

    @Test
    void addShouldGoAfterTheLastEntryOfItsKeyword() {
        assertThat(DOCUMENT.add("trusted-network 198.51.100.0/24").render())
            .contains("senders=a@local.test   # printers\ntrusted-network 198.51.100.0/24\n\nrelay-domain relay.test");
        assertThat(DOCUMENT.add("served-senders-only yes").render()).endsWith("relay-domain backup.test\nserved-senders-only yes\n");
    }

    @Test
    void addAfterLastShouldPutARecipientUnderItsDomain() {
        PolicyDocument edited = DOCUMENT.addAfterLast(entry -> entry.is("relay-domain", "backup.test"), "relay-recipient x@backup.test");

        assertThat(edited.render()).endsWith("relay-domain backup.test\nrelay-recipient x@backup.test\n");
        assertThat(DOCUMENT.addAfterLast(entry -> false, "relay-domain other.test").render())
            .endsWith("relay-domain backup.test\nrelay-domain other.test\n");
    }

    @Test
    void replaceShouldKeepThePlaceAndTheCommentOfTheLine() {
        PolicyDocument edited = DOCUMENT.replace(entry -> isNetwork(entry, "192.0.2.0/24"), "trusted-network 192.0.2.0/24");

        assertThat(edited.render()).contains("trusted-network 127.0.0.1/32\ntrusted-network 192.0.2.0/24   # printers\n\nrelay-domain");
    }

    @Test
    void replaceShouldDropOtherMatchesAndAddWhenNoneMatches() {
        assertThat(DOCUMENT.replace(entry -> entry.keyword().equals("trusted-network"), "trusted-network ::1/128")
            .entries("trusted-network")).extracting(PolicyDocument.Entry::text).containsExactly("trusted-network ::1/128");
        assertThat(DOCUMENT.replace(entry -> entry.keyword().equals("relay-mode"), "relay-mode policy").render())
            .endsWith("relay-mode policy\n");
    }

    @Test
    void removeIfShouldDropMatchingLinesWithTheirComments() {
        assertThat(DOCUMENT.removeIf(entry -> isNetwork(entry, "192.0.2.0/24")).render()).doesNotContain("printers", "192.0.2.0");
    }

    @Test
    void textsShouldListMatchingEntriesWithoutComments() {
        assertThat(DOCUMENT.texts(entry -> entry.keyword().startsWith("relay-")))
            .containsExactly("relay-domain relay.test", "relay-recipient info@relay.test", "relay-domain backup.test");
    }

    @Test
    void documentShouldBeReadAsAPolicy() throws Exception {
        assertThat(DOCUMENT.toPolicy("test").relayDomains()).containsOnlyKeys("relay.test", "backup.test");
    }
}
