package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jamesrelay.core.TextDiff;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Texts kept as pages, each a partition of one row of at most {@code pageBytes} bytes, and manifests that list a
 * base's pages in order (see {@link PolicyTable} for the tables, {@link PageManifest} for the rows). Pages and the
 * manifest are written before the head names them; every page read is checked against the digest its manifest holds,
 * and the manifest against the digest the head holds.
 */
final class TextPages {
    static final int PAGE_BYTES = 512 * 1024;
    /** Pages asked for ahead of the one being copied: a few round trips at once, a few pages held. */
    private static final int PAGES_IN_FLIGHT = 8;

    private final CqlSession session;
    private final PolicyTable table;
    private final ConsistencyLevel consistency;
    private final Duration requestTimeout;
    private final int pageBytes;

    TextPages(CqlSession session, PolicyTable table, ConsistencyLevel consistency, Duration requestTimeout, int pageBytes) {
        this.session = session;
        this.table = table;
        this.consistency = consistency;
        this.requestTimeout = requestTimeout;
        this.pageBytes = pageBytes;
    }

    int pageBytes() {
        return pageBytes;
    }

    /** Writes {@code bytes} as pages and their manifest. */
    PagedBase write(byte[] bytes) {
        PageCutter cutter = new PageCutter(pageBytes, this::insert);
        cutter.write(bytes, 0, bytes.length);
        return writeManifest(new PageManifest(cutter.finish()));
    }

    /** Writes the UTF-8 form of what {@code text} reads as pages, each as soon as it is cut, then their manifest. */
    PagedBase write(Reader text, List<PageRef> written) throws IOException {
        PageCutter cutter = new PageCutter(pageBytes, (page, data) -> {
            insert(page, data);
            written.add(page);
        });
        Writer writer = new OutputStreamWriter(cutter, StandardCharsets.UTF_8);
        text.transferTo(writer);
        writer.flush();
        return writeManifest(new PageManifest(cutter.finish()));
    }

    void insert(PageRef page, ByteBuffer data) {
        session.execute(bounded(table.insertPage.bind(page.id, page.lines, page.digest.duplicate(), data)));
    }

    PagedBase writeManifest(PageManifest manifest) {
        UUID content = UUID.randomUUID();
        List<byte[]> rows = manifest.rows();
        for (int row = 0; row < rows.size(); row++) {
            session.execute(bounded(table.insertManifest.bind(content, row, ByteBuffer.wrap(rows.get(row)))));
        }
        return new PagedBase(content, manifest, rows.size(), PageManifest.digest(rows));
    }

    /** The manifest the head names, or empty when it is missing or does not match the head's digest and page count. */
    Optional<PageManifest> manifest(Head head) {
        List<byte[]> rows = manifestRows(head.content.orElseThrow());
        if (rows.size() != head.chunks || !ByteBuffer.wrap(PageManifest.digest(rows)).equals(head.digest)) {
            return Optional.empty();
        }
        PageManifest manifest = PageManifest.of(rows);
        return head.pages.equals(Optional.of(manifest.pages.size())) ? Optional.of(manifest) : Optional.empty();
    }

    private List<byte[]> manifestRows(UUID content) {
        List<byte[]> rows = new ArrayList<>();
        for (Row row : session.execute(bounded(table.selectManifest.bind(content)))) {
            if (row.getInt("part") != rows.size()) {
                return List.of();
            }
            ByteBuffer data = row.getByteBuffer("data");
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            rows.add(bytes);
        }
        return rows;
    }

    /** The whole text of {@code manifest}, or empty when a page is missing or does not match its digest. */
    Optional<ByteBuffer> readAll(PageManifest manifest) {
        long length = manifest.bytes();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a text of " + length + " bytes is more than a reader can hold");
        }
        byte[] bytes = new byte[(int) length];
        Deque<CompletableFuture<AsyncResultSet>> requested = new ArrayDeque<>();
        int next = 0;
        int offset = 0;
        for (PageRef page : manifest.pages) {
            while (next < manifest.pages.size() && requested.size() < PAGES_IN_FLIGHT) {
                requested.add(session.executeAsync(bounded(table.selectPage.bind(manifest.pages.get(next++).id))).toCompletableFuture());
            }
            Optional<ByteBuffer> data = checked(page, joined(requested.poll()).one());
            if (data.isEmpty()) {
                requested.forEach(request -> request.cancel(false));
                return Optional.empty();
            }
            data.get().get(bytes, offset, page.bytes);
            offset += page.bytes;
        }
        return Optional.of(ByteBuffer.wrap(bytes));
    }

    /** The lines of a plain page, for a fold. */
    List<String> lines(PageRef page) {
        Optional<ByteBuffer> data = checked(page, session.execute(bounded(table.selectPage.bind(page.id))).one());
        if (data.isEmpty()) {
            throw new PagedFold.PageUnreadable(page);
        }
        return TextDiff.lines(StandardCharsets.UTF_8.decode(data.get()).toString());
    }

    private static Optional<ByteBuffer> checked(PageRef page, Row row) {
        if (row == null) {
            return Optional.empty();
        }
        ByteBuffer data = row.getByteBuffer("data");
        if (data.remaining() != page.bytes) {
            return Optional.empty();
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return ByteBuffer.wrap(Sha256.of(bytes, 0, bytes.length)).equals(page.digest) ? Optional.of(ByteBuffer.wrap(bytes)) : Optional.empty();
    }

    private static AsyncResultSet joined(CompletableFuture<AsyncResultSet> request) {
        try {
            return request.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DriverException) {
                throw (DriverException) e.getCause();
            }
            throw e;
        }
    }

    /** Removes what a writer wrote for a base the head will never name: its manifest and its own pages, not those it reused. */
    void forget(PagedBase base, Set<UUID> reused) {
        delete(base.manifest.pages, reused);
        session.execute(bounded(table.deleteManifest.bind(base.content)));
    }

    /** Removes {@code pages} but those in {@code kept}. */
    void delete(List<PageRef> pages, Set<UUID> kept) {
        for (PageRef page : pages) {
            if (!kept.contains(page.id)) {
                session.execute(bounded(table.deletePage.bind(page.id)));
            }
        }
    }

    /** Removes the base {@code content} no reader is to read any more: its manifest, and its pages not in {@code kept}. */
    void retire(UUID content, Set<UUID> kept) {
        delete(PageManifest.of(manifestRows(content)).pages, kept);
        session.execute(bounded(table.deleteManifest.bind(content)));
    }

    private BoundStatement bounded(BoundStatement statement) {
        return statement.setConsistencyLevel(consistency)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }
}
