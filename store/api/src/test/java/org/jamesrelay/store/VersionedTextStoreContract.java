package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every store of a versioned text has (the policy, the DKIM keys). A store's contract extends this
 * interface with its sample texts; a store's test supplies an empty store. Versions identify content: writing back a
 * text that was stored before may give its old version again.
 *
 * @param <T> the kind of text stored
 */
public interface VersionedTextStoreContract<T extends StoredText> {
    /** A store with nothing in it. */
    VersionedTextStore<T> textStore();

    /** A text of the kind the store holds. */
    String sampleText();

    /** Another one. */
    String otherSampleText();

    PolicyChange sampleChange();

    @Test
    default void readShouldBeEmptyWhenNothingWasWritten() throws Exception {
        assertThat(textStore().read()).isEmpty();
    }

    @Test
    default void writtenTextShouldBeReadBack() throws Exception {
        T written = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());

        assertThat(textStore().read()).contains(written);
        assertThat(written.text()).isEqualTo(sampleText());
    }

    @Test
    default void textShouldBeKeptExactly() throws Exception {
        String text = "# comment with unicode: \u00e9\u00e8 \u2603\n\n   " + sampleText() + "   # trailing\n";

        textStore().write(text, StoredText.NO_VERSION, sampleChange());

        assertThat(textStore().read().orElseThrow().text()).isEqualTo(text);
    }

    @Test
    default void everyChangeShouldGiveANewVersion() throws Exception {
        T first = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        T second = textStore().write(otherSampleText(), first.version(), sampleChange());
        T third = textStore().write(sampleText() + "# third\n", second.version(), sampleChange());

        assertThat(second.version()).isNotEqualTo(first.version()).isNotEqualTo(StoredText.NO_VERSION);
        assertThat(third.version()).isNotEqualTo(second.version()).isNotEqualTo(first.version());
        assertThat(textStore().read()).contains(third);
    }

    @Test
    default void versionShouldBeNoneWhenNothingWasWritten() throws Exception {
        assertThat(textStore().version()).isEqualTo(StoredText.NO_VERSION);
    }

    @Test
    default void versionShouldFollowEveryWrite() throws Exception {
        T first = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        assertThat(textStore().version()).isEqualTo(first.version());

        T second = textStore().write(otherSampleText(), first.version(), sampleChange());

        assertThat(textStore().version()).isEqualTo(second.version()).isEqualTo(textStore().read().orElseThrow().version());
    }

    @Test
    default void writeShouldFailWhenTheTextChangedMeanwhile() throws Exception {
        T first = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        textStore().write(otherSampleText(), first.version(), sampleChange());

        assertThatThrownBy(() -> textStore().write(sampleText(), first.version(), sampleChange()))
            .isInstanceOf(VersionConflictException.class);
        assertThat(textStore().read().orElseThrow().text()).isEqualTo(otherSampleText());
    }

    @Test
    default void firstWriteShouldFailWhenSomeoneElseWroteFirst() throws Exception {
        textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());

        assertThatThrownBy(() -> textStore().write(otherSampleText(), StoredText.NO_VERSION, sampleChange()))
            .isInstanceOf(VersionConflictException.class);
    }

    @Test
    default void onlyOneOfConcurrentWritersOfTheSameVersionShouldWin() throws Exception {
        T base = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String text = sampleText() + "# writer " + writer + "\n";
                Callable<Boolean> write = () -> {
                    try {
                        textStore().write(text, base.version(), sampleChange());
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                };
                outcomes.add(executor.submit(write));
            }
            long winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(winners).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    default void auditShouldBeEmptyWhenNothingWasWritten() throws Exception {
        assertThat(textStore().audit(10)).isEmpty();
    }

    @Test
    default void auditShouldRecordEachChangeNewestFirst() throws Exception {
        PolicyChange later = new PolicyChange("operator", "remove", "a line", "");
        T first = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        T second = textStore().write(otherSampleText(), first.version(), later);

        List<AuditEntry> audit = textStore().audit(10);

        assertThat(audit).extracting(AuditEntry::change).containsExactly(later, sampleChange());
        assertThat(audit).extracting(AuditEntry::version).containsExactly(second.version(), first.version());
        assertThat(audit.get(0).at()).isAfterOrEqualTo(audit.get(1).at());
    }

    @Test
    default void auditShouldKeepMultiLineChangesIntact() throws Exception {
        PolicyChange importChange = new PolicyChange("operator", "import", "line one\nline\ttwo", "a\\b\nc");

        textStore().write(sampleText(), StoredText.NO_VERSION, importChange);

        assertThat(textStore().audit(1)).extracting(AuditEntry::change).containsExactly(importChange);
    }

    @Test
    default void auditShouldKeepABoundedPartOfAHugeChange() throws Exception {
        String thousands = IntStream.range(0, 10_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        PolicyChange huge = new PolicyChange("operator", "import", thousands, "");

        textStore().write(sampleText(), StoredText.NO_VERSION, huge);

        PolicyChange recorded = textStore().audit(1).get(0).change();
        assertThat(recorded).isEqualTo(huge.bounded());
        assertThat(recorded.before()).startsWith("line 0\nline 1\n").endsWith("\n[and 9,901 more lines]")
            .hasSizeLessThanOrEqualTo(PolicyChange.KEPT_CHARACTERS);
    }

    @Test
    default void auditShouldReturnAtMostTheLimit() throws Exception {
        T stored = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        for (int i = 0; i < 4; i++) {
            stored = textStore().write(sampleText() + "# change " + i + "\n", stored.version(), sampleChange());
        }

        assertThat(textStore().audit(3)).hasSize(3);
        assertThat(textStore().audit(3).get(0).version()).isEqualTo(stored.version());
    }

    @Test
    default void failedWriteShouldNotBeAudited() throws Exception {
        T first = textStore().write(sampleText(), StoredText.NO_VERSION, sampleChange());
        textStore().write(otherSampleText(), first.version(), sampleChange());

        assertThatThrownBy(() -> textStore().write(sampleText(), first.version(), new PolicyChange("late", "x", "", "")));

        assertThat(textStore().audit(10)).extracting(entry -> entry.change().actor()).doesNotContain("late");
    }
}
