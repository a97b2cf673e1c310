package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jamesrelay.core.TextDiff;

/**
 * Changes applied to a base page by page: the text is a list of segments, each a page of the base left as it is or a
 * run of lines read from the pages a change touched (a page whose lines it removes, or the page that holds the line an
 * addition follows), and {@link #write} writes new pages for the runs only. All pages of the base must be plain
 * ({@link PageRef#plain}), so that a page's lines rendered again are its bytes. A run under half a page takes in a
 * neighbouring page when the two fit in one, so that pages that removals emptied or a split halved are packed again.
 */
final class PagedFold {
    /** The lines of a page; throws {@link PageUnreadable} when it is missing or does not match its digest. */
    interface PageSource {
        List<String> lines(PageRef page);
    }

    static final class PageUnreadable extends RuntimeException {
        PageUnreadable(PageRef page) {
            super("the page " + page.id + " is missing or does not match its digest");
        }
    }

    /** A page of the base, or lines: exactly one of the two. */
    private static final class Segment {
        final PageRef page;
        final List<String> lines;

        private Segment(PageRef page, List<String> lines) {
            this.page = page;
            this.lines = lines;
        }

        int lineCount() {
            return page != null ? page.lines : lines.size();
        }
    }

    private final PageSource source;
    private List<Segment> segments = new ArrayList<>();

    PagedFold(PageManifest base, PageSource source) {
        this.source = source;
        base.pages.forEach(page -> segments.add(new Segment(page, null)));
    }

    /** Applies {@code diff}; fails with an {@link IllegalArgumentException} when it does not fit the text. */
    void apply(TextDiff diff) {
        if (diff.isEmpty()) {
            return;
        }
        segments = materialized(touched(diff));
        long[] starts = starts(segments);
        List<List<TextDiff.Hunk>> local = new ArrayList<>();
        segments.forEach(any -> local.add(new ArrayList<>()));
        for (TextDiff.Hunk hunk : diff.hunks()) {
            int index = runHolding(hunk, starts);
            Segment run = segments.get(index);
            int at = (int) (hunk.at() - starts[index]);
            if (!run.lines.subList(at, at + hunk.removed().size()).equals(hunk.removed())) {
                throw doesNotFit(hunk);
            }
            local.get(index).add(new TextDiff.Hunk(at, hunk.removed(), hunk.added()));
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!local.get(i).isEmpty()) {
                segments.set(i, new Segment(null, new TextDiff(local.get(i)).applyTo(segments.get(i).lines)));
            }
        }
    }

    /** Which segments the hunks of {@code diff} touch; fails when a hunk lies past the end of the text. */
    private boolean[] touched(TextDiff diff) {
        long[] starts = starts(segments);
        long total = starts[segments.size()];
        boolean[] touched = new boolean[segments.size()];
        for (TextDiff.Hunk hunk : diff.hunks()) {
            long from = hunk.at();
            long to = from + hunk.removed().size();
            if (to > total) {
                throw doesNotFit(hunk);
            }
            if (from == to) {
                // An addition joins the run of the line it follows (the first line's, at the start): no page of its own.
                from = Math.max(0, from - 1);
                to = Math.min(total, from + 1);
            }
            for (int i = 0; i < segments.size(); i++) {
                touched[i] |= starts[i] < to && from < starts[i + 1];
            }
        }
        return touched;
    }

    /** The touched pages read as lines, and neighbouring runs of lines made one; one empty run for an empty text. */
    private List<Segment> materialized(boolean[] touched) {
        List<Segment> result = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.page != null && touched[i]) {
                segment = new Segment(null, source.lines(segment.page));
            }
            Segment last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (segment.lines != null && last != null && last.lines != null) {
                result.set(result.size() - 1, joined(last.lines, segment.lines));
            } else {
                result.add(segment);
            }
        }
        if (result.isEmpty()) {
            result.add(new Segment(null, List.of()));
        }
        return result;
    }

    private int runHolding(TextDiff.Hunk hunk, long[] starts) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).lines != null && starts[i] <= hunk.at() && hunk.at() + hunk.removed().size() <= starts[i + 1]) {
                return i;
            }
        }
        throw doesNotFit(hunk);
    }

    private static long[] starts(List<Segment> segments) {
        long[] starts = new long[segments.size() + 1];
        for (int i = 0; i < segments.size(); i++) {
            starts[i + 1] = starts[i] + segments.get(i).lineCount();
        }
        return starts;
    }

    private static IllegalArgumentException doesNotFit(TextDiff.Hunk hunk) {
        return new IllegalArgumentException("the change does not fit the text at line " + (hunk.at() + 1));
    }

    /** Writes the runs of lines as new pages to {@code sink}; returns the pages of the text, those of the base kept. */
    PageManifest write(int pageBytes, PageCutter.Sink sink) {
        packSmallRuns(pageBytes);
        List<PageRef> pages = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.page != null) {
                pages.add(segment.page);
            } else if (!segment.lines.isEmpty()) {
                pages.addAll(cut(segment.lines, pageBytes, sink));
            }
        }
        return new PageManifest(pages);
    }

    /** Each run of lines under half a page joined with the next page, then the one before, each if the two fit in a page. */
    private void packSmallRuns(int pageBytes) {
        for (int i = 0; i < segments.size(); i++) {
            Segment run = segments.get(i);
            if (run.lines == null || run.lines.isEmpty()) {
                continue;
            }
            long bytes = bytes(run.lines);
            if (bytes < pageBytes / 2 && i + 1 < segments.size() && fitsWith(segments.get(i + 1), bytes, pageBytes)) {
                bytes += segments.get(i + 1).page.bytes;
                segments.set(i, joined(run.lines, source.lines(segments.remove(i + 1).page)));
            }
            if (bytes < pageBytes / 2 && i > 0 && fitsWith(segments.get(i - 1), bytes, pageBytes)) {
                segments.set(i - 1, joined(source.lines(segments.get(i - 1).page), segments.remove(i).lines));
                i--;
            }
        }
    }

    private static boolean fitsWith(Segment neighbour, long bytes, int pageBytes) {
        return neighbour.page != null && bytes + neighbour.page.bytes <= pageBytes;
    }

    private static Segment joined(List<String> first, List<String> second) {
        List<String> lines = new ArrayList<>(first);
        lines.addAll(second);
        return new Segment(null, lines);
    }

    /** The bytes of the lines as a page holds them: UTF-8, each ended by a line feed. */
    private static long bytes(List<String> lines) {
        long bytes = 0;
        for (String line : lines) {
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes;
    }

    private static List<PageRef> cut(List<String> lines, int pageBytes, PageCutter.Sink sink) {
        PageCutter cutter = new PageCutter(pageBytes, sink);
        try {
            Writer writer = new OutputStreamWriter(cutter, StandardCharsets.UTF_8);
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("pages are cut in memory", e);
        }
        return cutter.finish();
    }
}
