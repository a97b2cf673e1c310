package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class PolicySnapshotTest {
    private static final String SOURCE = "relay-policy.conf";
    private static final int POLICIES = 150;
    private static final int CHANGES_PER_POLICY = 12;

    @Test
    void aChangeAppliedToASnapshotGivesWhatParsingTheChangedTextGives() throws Exception {
        RandomPolicies policies = new RandomPolicies(17);
        Random random = new Random(42);
        int applied = 0;
        int invalid = 0;
        for (int p = 0; p < POLICIES; p++) {
            List<String> lines = new ArrayList<>(TextDiff.lines(PolicyFileWriter.print(policies.next())));
            PolicySnapshot snapshot = PolicySnapshot.parse(SOURCE, String.join("\n", lines));
            for (int c = 0; c < CHANGES_PER_POLICY; c++) {
                List<String> changed = new RandomEdits(random, lines).apply();
                TextDiff diff = TextDiff.between(lines, changed);
                assertThat(diff.applyTo(lines)).isEqualTo(changed);
                Optional<PolicySnapshot> fast = snapshot.apply(diff);
                Optional<PolicySnapshot> full = parsed(changed);
                if (full.isEmpty()) {
                    assertThat(fast).as("an invalid text is left to the whole parse").isEmpty();
                    invalid++;
                    continue;
                }
                if (fast.isPresent()) {
                    assertThat(fast.get().policy()).isEqualTo(full.get().policy());
                    assertThat(fast.get().lineCount()).isEqualTo(changed.size());
                    assertThat(fast.get().recipientLines()).isEqualTo(full.get().recipientLines());
                    applied++;
                }
                snapshot = fast.orElse(full.get());
                lines = changed;
                assertRecipientLinesReadAsKnown(snapshot, lines);
            }
        }
        assertThat(invalid).as("invalid changes drawn").isGreaterThan(POLICIES);
        assertThat(applied).as("valid changes applied without a whole parse").isGreaterThan(POLICIES * CHANGES_PER_POLICY / 3);
    }

    @Test
    void aRecipientAddedOrRemovedChangesOnlyItsDomainsTable() throws Exception {
        String text = "relay-domain a.example\nrelay-recipient x@a.example\nrelay-domain b.example\nrelay-recipient y@b.example\n";
        PolicySnapshot snapshot = PolicySnapshot.parse(SOURCE, text);
        List<String> lines = TextDiff.lines(text);
        List<String> added = new ArrayList<>(lines);
        added.add(2, "relay-recipient W@a.example  # new");
        PolicySnapshot withW = snapshot.apply(TextDiff.between(lines, added)).orElseThrow();
        assertThat(withW.policy()).isEqualTo(PolicyFileParser.parse(SOURCE, String.join("\n", added)));
        assertThat(withW.policy().relayDomains().get("b.example").recipientTable().orElseThrow())
            .isSameAs(snapshot.policy().relayDomains().get("b.example").recipientTable().orElseThrow());

        List<String> removed = new ArrayList<>(added);
        removed.remove(1);
        removed.remove(1);
        PolicySnapshot withoutRecipients = withW.apply(TextDiff.between(added, removed)).orElseThrow();
        assertThat(withoutRecipients.policy().relayDomain("a.example").orElseThrow().recipientTable()).isEmpty();
    }

    @Test
    void invalidChangesAreLeftToTheWholeParse() throws Exception {
        String text = "relay-domain a.example\nrelay-recipient x@a.example\nrelay-domain b.example\n";
        PolicySnapshot snapshot = PolicySnapshot.parse(SOURCE, text);
        List<String> lines = TextDiff.lines(text);

        assertThat(snapshot.apply(TextDiff.between(lines, List.of(lines.get(1), lines.get(2))))).as("domain removed").isEmpty();
        assertThat(snapshot.apply(TextDiff.between(lines, List.of(lines.get(0), lines.get(1), "relay-recipient X@a.example", lines.get(2)))))
            .as("duplicate").isEmpty();
        assertThat(snapshot.apply(TextDiff.between(lines, List.of("relay-recipient z@b.example", lines.get(0), lines.get(1), lines.get(2)))))
            .as("recipient before its domain").isEmpty();
        assertThat(snapshot.apply(new TextDiff(List.of(new TextDiff.Hunk(0, List.of("relay-domain c.example"), List.of())))))
            .as("a change of another text").isEmpty();
    }

    /** Each recipient the snapshot knows the line of is on that line, written as its key; the others are not. */
    private static void assertRecipientLinesReadAsKnown(PolicySnapshot snapshot, List<String> lines) throws AddressSyntaxException {
        for (RelayDomain domain : snapshot.policy().relayDomains().values()) {
            for (String key : domain.recipients().orElse(Set.of())) {
                String written = PolicyFileWriter.relayRecipient(key);
                Optional<Integer> line = snapshot.relayRecipientLine(EnvelopeAddress.parse(key));
                if (line.isPresent()) {
                    assertThat(lines.get(line.get() - 1)).isEqualTo(written);
                } else {
                    assertThat(lines).doesNotContain(written);
                }
            }
        }
    }

    @Test
    void aRecipientWrittenAsItsKeyIsFoundOnItsLineAcrossChanges() throws Exception {
        String text = "relay-domain a.example\nrelay-recipient x@a.example\nrelay-recipient Y@a.example  # note\n";
        PolicySnapshot snapshot = PolicySnapshot.parse(SOURCE, text);
        assertThat(snapshot.relayRecipientLine(EnvelopeAddress.parse("x@a.example"))).contains(2);
        assertThat(snapshot.relayRecipientLine(EnvelopeAddress.parse("y@a.example"))).as("written otherwise").isEmpty();
        assertThat(snapshot.relayRecipientLine(EnvelopeAddress.parse("z@a.example"))).as("not listed").isEmpty();

        List<String> lines = TextDiff.lines(text);
        List<String> changed = List.of("# a comment", lines.get(0), "relay-recipient w@a.example", lines.get(1), lines.get(2));
        PolicySnapshot after = snapshot.apply(TextDiff.between(lines, changed)).orElseThrow();
        assertThat(after.relayRecipientLine(EnvelopeAddress.parse("x@a.example"))).contains(4);
        assertThat(after.relayRecipientLine(EnvelopeAddress.parse("w@a.example"))).contains(3);

        PolicyDocument removal = PolicyDocument.of(String.join("\n", changed)).removeLine(4, "relay-recipient x@a.example");
        assertThat(removal.render()).isEqualTo("# a comment\nrelay-domain a.example\nrelay-recipient w@a.example\nrelay-recipient Y@a.example  # note\n");
    }

    @Test
    void aRemovalThatDoesNotFitTheRecipientsLinesIsRefused() throws Exception {
        String text = "relay-domain a.example\nrelay-recipient x@a.example\nrelay-recipient Y@a.example  # note\n# end\n";
        PolicySnapshot snapshot = PolicySnapshot.parse(SOURCE, text);

        assertThat(snapshot.apply(removing(1, "relay-recipient y@a.example"))).as("another recipient's line").isEmpty();
        assertThat(snapshot.apply(removing(2, "relay-recipient y@a.example"))).as("written otherwise").isEmpty();
        assertThat(snapshot.apply(removing(1, "# not a recipient"))).as("a recipient's line taken for a comment").isEmpty();
        assertThat(snapshot.apply(removing(2, "relay-recipient Y@a.example  # note"))).isPresent();
    }

    private static TextDiff removing(int at, String line) {
        return new TextDiff(List.of(new TextDiff.Hunk(at, List.of(line), List.of())));
    }

    private static Optional<PolicySnapshot> parsed(List<String> lines) {
        try {
            return Optional.of(PolicySnapshot.parse(SOURCE, String.join("\n", lines)));
        } catch (PolicyFileException e) {
            return Optional.empty();
        }
    }

    /** A few edits of a policy's lines, most of them recipients, some making the policy invalid. */
    private static final class RandomEdits {
        private final Random random;
        private final List<String> lines;

        RandomEdits(Random random, List<String> lines) {
            this.random = random;
            this.lines = new ArrayList<>(lines);
        }

        List<String> apply() {
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                edit();
            }
            return lines;
        }

        private void edit() {
            int position = random.nextInt(lines.size() + 1);
            List<String> domains = lines.stream().filter(line -> line.startsWith("relay-domain ")).map(line -> line.substring(13))
                .collect(Collectors.toList());
            String domain = domains.isEmpty() || random.nextInt(8) == 0 ? "other" + random.nextInt(3) + ".example"
                : domains.get(random.nextInt(domains.size()));
            switch (random.nextInt(9)) {
                case 0:
                case 1:
                    lines.add(lastIndexOf("relay-domain " + domain) + 1, "relay-recipient user" + random.nextInt(2000) + "@" + domain);
                    break;
                case 2:
                    lines.add(position, "relay-recipient User" + random.nextInt(1000) + "@" + domain + (random.nextBoolean() ? " # note" : ""));
                    break;
                case 3:
                    removeMatching("relay-recipient ");
                    break;
                case 4:
                    removeMatching(random.nextBoolean() ? "relay-domain " : "");
                    break;
                case 5:
                    lines.add(position, random.nextBoolean() ? "relay-domain " + domain : "# a comment");
                    break;
                case 6:
                    if (!lines.isEmpty()) {
                        lines.add(position, lines.get(random.nextInt(lines.size())));
                    }
                    break;
                case 7:
                    lines.add(position, random.nextBoolean() ? "" : "relay-recipient not-an-address");
                    break;
                default:
                    int from = random.nextInt(Math.max(1, lines.size()));
                    if (from < lines.size()) {
                        String moved = lines.remove(from);
                        lines.add(random.nextInt(lines.size() + 1), moved);
                    }
            }
        }

        private int lastIndexOf(String line) {
            return lines.lastIndexOf(line);
        }

        private void removeMatching(String prefix) {
            List<Integer> matching = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    matching.add(i);
                }
            }
            if (!matching.isEmpty()) {
                lines.remove((int) matching.get(random.nextInt(matching.size())));
            }
        }
    }
}
