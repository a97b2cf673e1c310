package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.core.TextDiff;
import org.junit.jupiter.api.Test;

class PagedFoldTest {
    private static final int PAGE_BYTES = 100;

    private final Map<UUID, byte[]> stored = new HashMap<>();
    private final List<UUID> writes = new ArrayList<>();
    private final List<UUID> reads = new ArrayList<>();

    @Test
    void pagesShouldBeRunsOfWholeLinesOfAtMostAPage() {
        List<String> lines = lines(50);

        PageManifest manifest = cut(TextDiff.text(lines));

        assertThat(manifest.pages).hasSizeGreaterThan(5).allSatisfy(page -> {
            assertThat(page.bytes).isLessThanOrEqualTo(PAGE_BYTES);
            assertThat(page.plain).isTrue();
            assertThat(new String(stored.get(page.id), StandardCharsets.UTF_8)).endsWith("\n");
        });
        assertThat(manifest.pages.stream().mapToInt(page -> page.lines).sum()).isEqualTo(50);
        assertThat(text(manifest)).isEqualTo(TextDiff.text(lines));
    }

    @Test
    void aLineLongerThanAPageShouldBeCutAcrossPagesThatAreNotPlain() {
        String text = "short\n" + "x".repeat(250) + "\nlast";

        PageManifest manifest = cut(text);

        assertThat(manifest.pages).allSatisfy(page -> assertThat(page.bytes).isLessThanOrEqualTo(PAGE_BYTES));
        assertThat(manifest.allPlain()).isFalse();
        assertThat(text(manifest)).isEqualTo(text);
    }

    @Test
    void aOneLineChangeShouldRewriteOnlyThePageItTouches() {
        List<String> lines = lines(200);
        PageManifest base = cut(TextDiff.text(lines));
        writes.clear();
        PagedFold fold = new PagedFold(base, this::lines);

        fold.apply(new TextDiff(List.of(new TextDiff.Hunk(100, List.of(lines.get(100)), List.of("changed")))));
        PageManifest folded = fold.write(PAGE_BYTES, this::store);

        assertThat(writes).hasSize(1);
        assertThat(reads).hasSize(1);
        assertThat(folded.pages).hasSameSizeAs(base.pages);
        List<String> expected = new ArrayList<>(lines);
        expected.set(100, "changed");
        assertThat(text(folded)).isEqualTo(TextDiff.text(expected));
    }

    @Test
    void anAdditionShouldJoinThePageOfTheLineItFollows() {
        List<String> lines = lines(200);
        PageManifest base = cut(TextDiff.text(lines));
        writes.clear();
        PagedFold fold = new PagedFold(base, this::lines);
        int boundary = base.pages.get(0).lines + base.pages.get(1).lines;

        fold.apply(new TextDiff(List.of(new TextDiff.Hunk(boundary, List.of(), List.of("new")))));
        PageManifest folded = fold.write(PAGE_BYTES, this::store);

        assertThat(reads).containsExactly(base.pages.get(1).id);
        assertThat(folded.pages.get(2).id).isEqualTo(base.pages.get(2).id);
        List<String> expected = new ArrayList<>(lines);
        expected.add(boundary, "new");
        assertThat(text(folded)).isEqualTo(TextDiff.text(expected));
    }

    @Test
    void aRunLeftUnderHalfAPageShouldTakeInANeighbouringPageWhenBothFitInOne() {
        List<String> lines = lines(30);
        PageManifest base = cut(TextDiff.text(lines));
        int fourthPage = base.pages.get(0).lines * 3;
        PagedFold first = new PagedFold(base, this::lines);
        first.apply(new TextDiff(List.of(new TextDiff.Hunk(fourthPage, lines.subList(fourthPage, fourthPage + 2), List.of()))));
        PageManifest once = first.write(PAGE_BYTES, this::store);
        PageRef smallPage = once.pages.get(3);
        assertThat(smallPage.bytes).isLessThan(PAGE_BYTES / 2);
        assertThat(once.pages).hasSameSizeAs(base.pages);
        reads.clear();

        PagedFold second = new PagedFold(once, this::lines);
        int fifthPage = fourthPage + 1;
        second.apply(new TextDiff(List.of(new TextDiff.Hunk(fifthPage, lines.subList(fifthPage + 2, fifthPage + 4), List.of()))));
        PageManifest twice = second.write(PAGE_BYTES, this::store);

        assertThat(reads).contains(smallPage.id);
        assertThat(twice.pages).hasSize(once.pages.size() - 1)
            .allSatisfy(page -> assertThat(page.bytes).isLessThanOrEqualTo(PAGE_BYTES))
            .noneMatch(page -> page.id.equals(smallPage.id));
        List<String> expected = new ArrayList<>(lines);
        expected.subList(fourthPage + 3, fourthPage + 5).clear();
        expected.subList(fourthPage, fourthPage + 2).clear();
        assertThat(text(twice)).isEqualTo(TextDiff.text(expected));
    }

    @Test
    void aChangeThatDoesNotFitShouldFail() {
        List<String> lines = lines(40);
        PagedFold fold = new PagedFold(cut(TextDiff.text(lines)), this::lines);

        assertThatThrownBy(() -> fold.apply(new TextDiff(List.of(new TextDiff.Hunk(3, List.of("not there"), List.of())))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the change does not fit the text at line 4");
        assertThatThrownBy(() -> fold.apply(new TextDiff(List.of(new TextDiff.Hunk(41, List.of(), List.of("past the end"))))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the change does not fit the text at line 42");
    }

    @Test
    void manyRandomChangesShouldGiveTheTextTheirDiffsGive() {
        Random random = new Random(17);
        for (int round = 0; round < 30; round++) {
            List<String> lines = lines(random.nextInt(60));
            PagedFold fold = new PagedFold(cut(TextDiff.text(lines)), this::lines);
            for (int change = 0; change < 20; change++) {
                List<String> after = randomEdit(lines, random);
                fold.apply(TextDiff.between(lines, after));
                lines = after;
            }
            PageManifest folded = fold.write(PAGE_BYTES, this::store);
            assertThat(text(folded)).isEqualTo(TextDiff.text(lines));
            assertThat(folded.pages).allSatisfy(page -> assertThat(page.bytes).isBetween(1, PAGE_BYTES));
        }
    }

    @Test
    void aManifestShouldBeReadAsWritten() {
        PageManifest manifest = cut(TextDiff.text(lines(100)));

        List<byte[]> rows = manifest.rows();

        assertThat(PageManifest.of(rows).pages).usingRecursiveFieldByFieldElementComparator().isEqualTo(manifest.pages);
        assertThat(PageManifest.of(new PageManifest(List.of()).rows()).pages).isEmpty();
    }

    private static List<String> randomEdit(List<String> lines, Random random) {
        List<String> after = new ArrayList<>(lines);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(after.size() + 1);
            if (random.nextBoolean() || after.isEmpty() || at == after.size()) {
                after.add(at, "added-" + random.nextInt(1_000_000) + "@relay.test");
            } else {
                after.remove(at);
            }
        }
        return after;
    }

    private static List<String> lines(int count) {
        return IntStream.range(0, count).mapToObj(i -> "relay-recipient r" + i + "@relay.test").collect(Collectors.toList());
    }

    private PageManifest cut(String text) {
        PageCutter cutter = new PageCutter(PAGE_BYTES, this::store);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cutter.write(bytes, 0, bytes.length);
        return new PageManifest(cutter.finish());
    }

    private void store(PageRef page, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        stored.put(page.id, bytes);
        writes.add(page.id);
    }

    private List<String> lines(PageRef page) {
        reads.add(page.id);
        return TextDiff.lines(new String(stored.get(page.id), StandardCharsets.UTF_8));
    }

    private String text(PageManifest manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.pages.forEach(page -> bytes.writeBytes(stored.get(page.id)));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
