package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicySnapshot;
import org.junit.jupiter.api.Test;

class PolicyChangeTest {
    private static final String POLICY = "# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain a.test\nrelay-domain b.test\n";

    @Test
    void changeOfTextsShouldRecordTheLinesRemovedAndAdded() {
        String after = "# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain b.test\nrelay-domain c.test\n";

        assertThat(PolicyChange.ofTexts("deploy", "import", POLICY, after))
            .isEqualTo(new PolicyChange("deploy", "import", "relay-domain a.test", "relay-domain c.test"));
    }

    @Test
    void linesThatOnlyMovedShouldNotBeRecorded() {
        String reordered = "relay-domain b.test\n# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain a.test";

        assertThat(PolicyChange.ofTexts("deploy", "import", POLICY, reordered))
            .isEqualTo(new PolicyChange("deploy", "import", "", ""));
    }

    @Test
    void repeatedLinesShouldCountAsOftenAsTheyDiffer() {
        assertThat(PolicyChange.ofTexts("deploy", "import", "#\n#\n#\nx\n", "#\nx\ny\n"))
            .isEqualTo(new PolicyChange("deploy", "import", "#\n#", "y"));
    }

    @Test
    void firstImportShouldRecordItsFirstLinesAndCountTheOthers() {
        String huge = IntStream.range(0, 1_000_000).mapToObj(i -> "relay-recipient user" + i + "@relay.test")
            .collect(Collectors.joining("\n", "", "\n"));

        PolicyChange change = PolicyChange.ofTexts("deploy", "import", "", huge);

        assertThat(change.before()).isEmpty();
        assertThat(change.after().split("\n")).hasSize(PolicyChange.KEPT_LINES)
            .startsWith("relay-recipient user0@relay.test", "relay-recipient user1@relay.test")
            .endsWith("[and 999,901 more lines]");
        assertThat(change.bounded()).isSameAs(change);
    }

    @Test
    void boundedShouldKeepASmallChangeExactly() {
        PolicyChange change = new PolicyChange("admin", "edit", "a\\b\nc\n", "route x.test [127.0.0.1]:25");

        assertThat(change.bounded()).isSameAs(change);
    }

    @Test
    void boundedShouldCutAHugeLineAndKeepAtMostTheCharacters() {
        String longLine = "x".repeat(3 * PolicyChange.KEPT_CHARACTERS);
        String manyLongLines = IntStream.range(0, 50).mapToObj(i -> "y".repeat(1_000)).collect(Collectors.joining("\n"));

        PolicyChange bounded = new PolicyChange("admin", "edit", longLine, manyLongLines).bounded();

        assertThat(bounded.before()).hasSizeLessThanOrEqualTo(PolicyChange.KEPT_CHARACTERS).startsWith("xxx").endsWith("x[...]");
        assertThat(bounded.after()).hasSizeLessThanOrEqualTo(PolicyChange.KEPT_CHARACTERS).endsWith("\n[and 34 more lines]");
        assertThat(bounded.bounded()).isSameAs(bounded);
    }

    @Test
    void changeOfPoliciesShouldRecordTheEntriesRemovedAndAdded() throws PolicyFileException {
        String after = "trusted-network 127.0.0.1/32\nrelay-domain b.test\nrelay-domain c.test\nrelay-recipient Eve@c.test\n";

        assertThat(PolicyChange.ofPolicies("deploy", "import", PolicySnapshot.parse("before", POLICY), PolicySnapshot.parse("after", after)))
            .isEqualTo(new PolicyChange("deploy", "import", "relay-domain a.test", "relay-domain c.test\nrelay-recipient eve@c.test"));
    }

    @Test
    void changeOfLargePoliciesShouldKeepItsFirstLinesAndCountTheOthers() throws PolicyFileException {
        String before = recipients(0, 600_000);
        String after = recipients(400_000, 1_000_000);

        PolicyChange change = PolicyChange.ofPolicies("deploy", "import", PolicySnapshot.parse("before", before), PolicySnapshot.parse("after", after));

        assertThat(change.before().split("\n")).hasSize(PolicyChange.KEPT_LINES)
            .startsWith("relay-recipient user0000000@relay.test", "relay-recipient user0000001@relay.test")
            .endsWith("[and 399,901 more lines]");
        assertThat(change.after().split("\n")).hasSize(PolicyChange.KEPT_LINES)
            .startsWith("relay-recipient user0600000@relay.test")
            .endsWith("[and 399,901 more lines]");
        assertThat(change.bounded()).isSameAs(change);
    }

    private static String recipients(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format(Locale.ROOT, "relay-recipient user%07d@relay.test", i))
            .collect(Collectors.joining("\n", "relay-domain relay.test\n", "\n"));
    }
}
