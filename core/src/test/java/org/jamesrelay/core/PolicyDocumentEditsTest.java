package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * A document keeps only its edits and reads its text at each pass: its edits must give what editing the whole list of
 * lines gives, and {@link PolicyDocument#changeFrom} a diff that makes the edited text of the text read.
 */
class PolicyDocumentEditsTest {
    private static final String[] KEYWORDS = {"trusted-network", "relay-domain", "relay-recipient", "route"};

    /** The edits of PolicyDocument, done on the whole list of lines. */
    private static final class LinesEdit {
        private final List<String> lines;

        LinesEdit(List<String> lines) {
            this.lines = new ArrayList<>(lines);
        }

        void addAfterLast(Predicate<PolicyDocument.Entry> anchor, String text) {
            int position = lastIndex(anchor);
            if (position < 0) {
                position = lastIndex(entry -> entry.keyword().equals(keyword(text)));
            }
            lines.add(position < 0 ? lines.size() : position + 1, text);
        }

        void replace(Predicate<PolicyDocument.Entry> matching, String text) {
            List<String> edited = new ArrayList<>();
            boolean replaced = false;
            for (String line : lines) {
                PolicyDocument.Entry entry = entryOf(line);
                if (entry != null && matching.test(entry)) {
                    if (!replaced) {
                        edited.add(text + line.substring(line.indexOf(entry.text()) + entry.text().length()));
                        replaced = true;
                    }
                } else {
                    edited.add(line);
                }
            }
            if (!replaced) {
                addAfterLast(entry -> false, text);
                return;
            }
            lines.clear();
            lines.addAll(edited);
        }

        void removeIf(Predicate<PolicyDocument.Entry> matching) {
            lines.removeIf(line -> entryOf(line) != null && matching.test(entryOf(line)));
        }

        private int lastIndex(Predicate<PolicyDocument.Entry> matching) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                PolicyDocument.Entry entry = entryOf(lines.get(i));
                if (entry != null && matching.test(entry)) {
                    return i;
                }
            }
            return -1;
        }

        private static PolicyDocument.Entry entryOf(String line) {
            List<PolicyDocument.Entry> entries = PolicyDocument.of(line + "\n").entries(keyword(PolicyLine.stripComment(line).trim()));
            return entries.isEmpty() ? null : entries.get(0);
        }

        private static String keyword(String text) {
            return text.split("\\s+")[0];
        }
    }

    @Test
    void editsShouldGiveWhatEditingEveryLineGivesAndTheirDiffShouldMakeTheEditedText() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            List<String> text = randomLines(random, random.nextInt(12));
            PolicyDocument original = PolicyDocument.of(LineSource.of(text), 1);
            PolicyDocument document = original;
            LinesEdit expected = new LinesEdit(text);
            for (int edit = 0; edit < 1 + random.nextInt(6); edit++) {
                String value = "v" + random.nextInt(4);
                String keyword = KEYWORDS[random.nextInt(KEYWORDS.length)];
                Predicate<PolicyDocument.Entry> matching = entry -> entry.value().equals(value);
                String line = keyword + " " + value + " x" + round + "." + edit;
                switch (random.nextInt(3)) {
                    case 0:
                        document = document.addAfterLast(matching, line);
                        expected.addAfterLast(matching, line);
                        break;
                    case 1:
                        document = document.replace(matching, line);
                        expected.replace(matching, line);
                        break;
                    default:
                        document = document.removeIf(matching);
                        expected.removeIf(matching);
                }
                assertThat(document.lines()).as("round %d, edit %d", round, edit).isEqualTo(expected.lines);
            }
            TextDiff change = document.changeFrom(original).orElseThrow();
            assertThat(change.applyTo(text)).as("round %d", round).isEqualTo(expected.lines);
        }
    }

    @Test
    void editsOfEntriesOtherThanRecipientsShouldBeTheSameFromTheSnapshotAsFromTheText() throws Exception {
        RandomPolicies policies = new RandomPolicies(42);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> text = new ArrayList<>(TextDiff.lines(PolicyFileWriter.print(policies.next())));
            text.add(random.nextInt(text.size() + 1), "# a comment " + round);
            text.add(random.nextInt(text.size() + 1), "");
            PolicySnapshot inForce = PolicySnapshot.parse("test", TextDiff.text(text));
            LineSource source = LineSource.of(text);
            List<String> keywords = new ArrayList<>();
            PolicyDocument.of(source, 1).entries(entry -> !entry.keyword().equals("relay-recipient"))
                .forEach(entry -> keywords.add(entry.keyword()));
            keywords.add("route");
            PolicyDocument fromText = PolicyDocument.of(source, 1);
            PolicyDocument fromSnapshot = fromText.withEntriesOf(inForce);
            for (int edit = 0; edit < 1 + random.nextInt(4); edit++) {
                String keyword = keywords.get(random.nextInt(keywords.size()));
                Predicate<PolicyDocument.Entry> matching = random.nextBoolean()
                    ? entry -> entry.keyword().equals(keyword)
                    : entry -> entry.keyword().equals(keyword) && entry.value().hashCode() % 2 == 0;
                String line = keyword + " edited" + edit + ".test";
                switch (random.nextInt(3)) {
                    case 0:
                        fromText = fromText.addAfterLast(matching, line);
                        fromSnapshot = fromSnapshot.addAfterLast(matching, line);
                        break;
                    case 1:
                        fromText = fromText.replace(matching, line);
                        fromSnapshot = fromSnapshot.replace(matching, line);
                        break;
                    default:
                        fromText = fromText.removeIf(matching);
                        fromSnapshot = fromSnapshot.removeIf(matching);
                }
                Predicate<PolicyDocument.Entry> notARecipient = entry -> !entry.keyword().equals("relay-recipient");
                assertThat(fromSnapshot.texts(notARecipient)).as("round %d, edit %d", round, edit).isEqualTo(fromText.texts(notARecipient));
            }
            PolicyDocument original = PolicyDocument.of(source, 1);
            assertThat(fromSnapshot.changeFrom(original)).as("round %d", round).isPresent().isEqualTo(fromText.changeFrom(original));
            assertThat(fromSnapshot.render()).isEqualTo(fromText.render());
        }
    }

    @Test
    void anEditShouldReadTheTextAtEachPassAndHoldNoneOfIt() {
        AtomicInteger passes = new AtomicInteger();
        LineSource counted = line -> {
            passes.incrementAndGet();
            List.of("relay-domain a.test", "relay-recipient x@a.test").forEach(line);
            return 7;
        };
        PolicyDocument document = PolicyDocument.of(counted, 7).addAfterLast(entry -> entry.is("relay-domain", "a.test"), "relay-recipient y@a.test");

        assertThat(document.changeFrom(PolicyDocument.of(counted, 7)).orElseThrow().hunks())
            .containsExactly(new TextDiff.Hunk(1, List.of(), List.of("relay-recipient y@a.test")));
        assertThat(document.texts(entry -> entry.keyword().equals("relay-recipient"))).containsExactly("relay-recipient y@a.test", "relay-recipient x@a.test");
        assertThat(passes).hasValue(2);
    }

    @Test
    void aPassThatReadsAnotherVersionShouldFail() {
        AtomicLong version = new AtomicLong(1);
        PolicyDocument document = PolicyDocument.of(line -> {
            line.accept("relay-domain a.test");
            return version.get();
        }, 1);
        PolicyDocument edited = document.add("relay-domain b.test");
        version.set(2);

        assertThatThrownBy(() -> edited.texts(entry -> true)).isInstanceOf(PolicyDocument.TextChangedException.class);
    }

    @Test
    void aDocumentOfAnotherTextShouldHaveNoChangeFromIt() {
        PolicyDocument stored = PolicyDocument.of("relay-domain a.test\n");

        assertThat(PolicyDocument.of("relay-domain a.test\n").changeFrom(stored)).isEmpty();
        assertThat(stored.removeIf(entry -> true).changeFrom(stored).orElseThrow().changedLines()).isEqualTo(1);
    }

    private static List<String> randomLines(Random random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    lines.add(random.nextBoolean() ? "" : "# comment " + i);
                    break;
                case 1:
                    lines.add(KEYWORDS[random.nextInt(KEYWORDS.length)] + " v" + random.nextInt(4) + "   # note " + i);
                    break;
                default:
                    lines.add(KEYWORDS[random.nextInt(KEYWORDS.length)] + " v" + random.nextInt(4) + " line" + i);
            }
        }
        return lines;
    }
}
