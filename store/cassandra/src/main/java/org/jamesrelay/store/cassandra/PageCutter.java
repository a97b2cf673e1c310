package org.jamesrelay.store.cassandra;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Bytes cut into pages of at most {@code pageBytes}, each after the last line end that fits, and handed to the sink
 * as soon as it is cut: a page is a run of whole lines, unless a line alone is longer than a page (then it is cut
 * where the page is full, and those pages are not plain).
 */
final class PageCutter extends OutputStream {
    /** Where a page goes once cut: the page table, or a test's list. */
    interface Sink {
        void write(PageRef page, ByteBuffer data);
    }

    private final Sink sink;
    private final byte[] page;
    private final List<PageRef> written = new ArrayList<>();
    private int filled;

    PageCutter(int pageBytes, Sink sink) {
        this.sink = sink;
        this.page = new byte[pageBytes];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            int size = Math.min(length - done, page.length - filled);
            System.arraycopy(bytes, offset + done, page, filled, size);
            filled += size;
            done += size;
            if (filled == page.length) {
                cut(lastLineEnd() + 1);
            }
        }
    }

    /** The pages cut, the last one included, in order. */
    List<PageRef> finish() {
        if (filled > 0) {
            cut(filled);
        }
        return List.copyOf(written);
    }

    private int lastLineEnd() {
        for (int i = filled - 1; i >= 0; i--) {
            if (page[i] == '\n') {
                return i;
            }
        }
        return filled - 1;
    }

    private void cut(int length) {
        byte[] data = Arrays.copyOf(page, length);
        int lines = 0;
        boolean carriageReturn = false;
        for (byte b : data) {
            lines += b == '\n' ? 1 : 0;
            carriageReturn |= b == '\r';
        }
        boolean plain = !carriageReturn && data[length - 1] == '\n';
        PageRef ref = new PageRef(UUID.randomUUID(), lines, length, plain, Sha256.of(data, 0, length));
        sink.write(ref, ByteBuffer.wrap(data));
        written.add(ref);
        System.arraycopy(page, length, page, 0, filled - length);
        filled -= length;
    }
}
