package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StreamedDiffTest {
    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r\r\n"};

    @Test
    void aDiffBetweenTwoTextsShouldTurnTheFirstIntoTheSecondAsApplyToDoes() throws Exception {
        Random random = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            String before = randomText(random);
            TextDiff diff = TextDiff.between(TextDiff.lines(before), TextDiff.lines(randomText(random)));

            assertThat(streamed(diff, before)).isEqualTo(TextDiff.text(diff.applyTo(TextDiff.lines(before))));
        }
    }

    @Test
    void aRandomDiffShouldGiveWhatApplyToGivesOrFailWithTheSameMessage() throws Exception {
        Random random = new Random(42);
        int fitting = 0;
        for (int round = 0; round < 5_000; round++) {
            String before = randomText(random);
            TextDiff diff = randomDiff(random, TextDiff.lines(before));
            String expected;
            try {
                expected = TextDiff.text(diff.applyTo(TextDiff.lines(before)));
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> streamed(diff, before)).isInstanceOf(IllegalArgumentException.class).hasMessage(e.getMessage());
                continue;
            }
            fitting++;
            assertThat(streamed(diff, before)).isEqualTo(expected);
        }
        assertThat(fitting).isBetween(500, 4_500);
    }

    @Test
    void removedLinesThatAreNotThoseOfTheTextShouldBeRefused() {
        TextDiff diff = new TextDiff(List.of(new TextDiff.Hunk(1, List.of("b"), List.of())));

        assertThatThrownBy(() -> streamed(diff, "a\nc\n")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the change does not fit the text at line 2");
    }

    @Test
    void removedLinesRunningPastTheEndShouldBeRefused() {
        TextDiff diff = new TextDiff(List.of(new TextDiff.Hunk(1, List.of("b", "c"), List.of())));

        assertThatThrownBy(() -> streamed(diff, "a\nb\n")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the change does not fit the text at line 2");
    }

    @Test
    void aHunkPastTheEndShouldBeRefused() {
        TextDiff diff = new TextDiff(List.of(new TextDiff.Hunk(3, List.of(), List.of("d"))));

        assertThatThrownBy(() -> streamed(diff, "a\nb\n")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the change does not fit the text at line 4");
    }

    @Test
    void aHunkRightAtTheEndShouldAppend() throws Exception {
        TextDiff diff = new TextDiff(List.of(new TextDiff.Hunk(2, List.of(), List.of("c"))));

        assertThat(streamed(diff, "a\r\nb")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void changesShouldChainLineByLine() throws Exception {
        TextDiff first = new TextDiff(List.of(new TextDiff.Hunk(0, List.of("a"), List.of("x", "y"))));
        TextDiff second = new TextDiff(List.of(new TextDiff.Hunk(1, List.of("y", "b"), List.of())));
        StringWriter after = new StringWriter();

        StreamedDiff.apply(second, StreamedDiff.apply(first, TextLines.of(new StringReader("a\nb\nc\n")))).writeTo(after);

        assertThat(after.toString()).isEqualTo("x\nc\n");
    }

    private static String streamed(TextDiff diff, String before) throws IOException {
        StringWriter after = new StringWriter();
        StreamedDiff.apply(diff, new StringReader(before), after);
        return after.toString();
    }

    static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            text.append(randomLine(random));
            if (i < lines - 1 || random.nextBoolean()) {
                text.append(LINE_ENDS[random.nextInt(LINE_ENDS.length)]);
            }
        }
        return text.toString();
    }

    private static String randomLine(Random random) {
        int kind = random.nextInt(10);
        return kind == 0 ? "" : kind == 1 ? "a\rb" : String.valueOf((char) ('a' + random.nextInt(3)));
    }

    /** Hunks at random lines, up to two past the end, removing the text's own lines or others. */
    private static TextDiff randomDiff(Random random, List<String> lines) {
        List<TextDiff.Hunk> hunks = new ArrayList<>();
        int at = random.nextInt(3);
        while (at <= lines.size() + 2 && hunks.size() < 4) {
            List<String> removed = new ArrayList<>();
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                boolean own = at + i < lines.size() && random.nextInt(6) > 0;
                removed.add(own ? lines.get(at + i) : randomLine(random));
            }
            List<String> added = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                added.add(randomLine(random));
            }
            hunks.add(new TextDiff.Hunk(at, removed, added));
            at += removed.size() + random.nextInt(4);
        }
        return new TextDiff(hunks);
    }
}
