package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void theDiffOfTwoTextsTurnsTheFirstIntoTheSecond() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            List<String> before = randomLines(random);
            List<String> after = randomLines(random);
            assertThat(TextDiff.between(before, after).applyTo(before)).isEqualTo(after);
        }
    }

    @Test
    void scatteredEditsOfALongTextAreSmallHunks() {
        List<String> before = IntStream.range(0, 100_000).mapToObj(i -> "relay-recipient u" + i + "@a.example").collect(Collectors.toList());
        List<String> after = new ArrayList<>(before);
        after.remove(90_000);
        after.add(50_000, "relay-recipient new@a.example");
        after.remove(10);

        TextDiff diff = TextDiff.between(before, after);

        assertThat(diff.hunks()).containsExactly(
            new TextDiff.Hunk(10, List.of(before.get(10)), List.of()),
            new TextDiff.Hunk(50_000, List.of(), List.of("relay-recipient new@a.example")),
            new TextDiff.Hunk(90_000, List.of(before.get(90_000)), List.of()));
    }

    @Test
    void aChangeOfAnotherTextIsRefused() {
        TextDiff diff = TextDiff.between(List.of("a", "b"), List.of("a"));
        assertThatThrownBy(() -> diff.applyTo(List.of("a", "c"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesAreThoseOfAPolicyDocument() {
        assertThat(TextDiff.lines("a\r\nb\n\n")).containsExactly("a", "b", "");
        assertThat(TextDiff.lines("")).isEmpty();
    }

    private static List<String> randomLines(Random random) {
        return IntStream.range(0, random.nextInt(30)).mapToObj(i -> String.valueOf((char) ('a' + random.nextInt(4)))).collect(Collectors.toList());
    }
}
