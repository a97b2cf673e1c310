package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * A text kept as rows of at most {@link #CHUNK_BYTES} bytes of its UTF-8 form, all under one content id (see
 * {@link PolicyTable} for the table): no cell, row or message of the native protocol grows with the text. Chunks are
 * written before the head of the store names their content, and read a few at a time, so that neither side holds
 * more than the text and a page of chunks.
 */
final class TextChunks {
    static final int CHUNK_BYTES = 512 * 1024;
    private static final int CHUNKS_PER_PAGE = 4;

    private final CqlSession session;
    private final PolicyTable table;
    private final ConsistencyLevel consistency;
    private final Duration requestTimeout;

    TextChunks(CqlSession session, PolicyTable table, ConsistencyLevel consistency, Duration requestTimeout) {
        this.session = session;
        this.table = table;
        this.consistency = consistency;
        this.requestTimeout = requestTimeout;
    }

    /** Writes the chunks of {@code bytes} under {@code content}. */
    ChunkedText write(UUID content, byte[] bytes) {
        int count = chunkCount(bytes.length);
        for (int chunk = 0; chunk < count; chunk++) {
            int from = chunk * CHUNK_BYTES;
            insert(content, chunk, ByteBuffer.wrap(bytes, from, Math.min(CHUNK_BYTES, bytes.length - from)).slice());
        }
        return new ChunkedText(content, count, digest(bytes));
    }

    /** Writes the chunks of the UTF-8 form of what {@code text} reads under {@code content}, a chunk as soon as it is full. */
    ChunkedText write(UUID content, Reader text) throws IOException {
        ChunkStream chunked = new ChunkStream(content);
        Writer writer = new OutputStreamWriter(chunked, StandardCharsets.UTF_8);
        text.transferTo(writer);
        writer.flush();
        return chunked.finish();
    }

    /** Bytes cut into chunks, each inserted as soon as it is full, and hashed. */
    private final class ChunkStream extends OutputStream {
        private final UUID content;
        private final MessageDigest sha256 = sha256();
        private final byte[] chunk = new byte[CHUNK_BYTES];
        private int filled;
        private int count;

        private ChunkStream(UUID content) {
            this.content = content;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int written = 0;
            while (written < length) {
                int size = Math.min(length - written, CHUNK_BYTES - filled);
                System.arraycopy(bytes, offset + written, chunk, filled, size);
                filled += size;
                written += size;
                if (filled == CHUNK_BYTES) {
                    insertChunk();
                }
            }
        }

        private void insertChunk() {
            sha256.update(chunk, 0, filled);
            insert(content, count++, ByteBuffer.wrap(Arrays.copyOf(chunk, filled)));
            filled = 0;
        }

        ChunkedText finish() {
            if (filled > 0) {
                insertChunk();
            }
            return new ChunkedText(content, count, sha256.digest());
        }
    }

    private void insert(UUID content, int chunk, ByteBuffer data) {
        session.execute(bounded(table.insertChunk.bind(content, chunk, data)));
    }

    /**
     * The bytes of {@code content}, or empty when some of its chunks are missing or they do not match the digest: read
     * into one array (hashed chunk by chunk), which the buffer wraps.
     */
    Optional<ByteBuffer> read(UUID content, int count, ByteBuffer digest) {
        byte[] bytes = new byte[count * CHUNK_BYTES];
        MessageDigest sha256 = sha256();
        int length = 0;
        int expected = 0;
        for (Row row : session.execute(bounded(table.selectChunks.bind(content)).setPageSize(CHUNKS_PER_PAGE))) {
            ByteBuffer data = row.getByteBuffer("data");
            if (row.getInt("chunk") != expected || data.remaining() > bytes.length - length) {
                return Optional.empty();
            }
            int size = data.remaining();
            data.get(bytes, length, size);
            sha256.update(bytes, length, size);
            length += size;
            expected++;
        }
        return expected == count && ByteBuffer.wrap(sha256.digest()).equals(digest) ? Optional.of(ByteBuffer.wrap(bytes, 0, length)) : Optional.empty();
    }

    void delete(UUID content) {
        session.execute(bounded(table.deleteChunks.bind(content)));
    }

    static int chunkCount(int length) {
        return (length + CHUNK_BYTES - 1) / CHUNK_BYTES;
    }

    static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private BoundStatement bounded(BoundStatement statement) {
        return statement.setConsistencyLevel(consistency)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }
}
