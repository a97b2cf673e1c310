package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * A base of the chunked layout, which stores written before texts were paged still hold (see {@link PolicyTable}): rows
 * of at most {@link #CHUNK_BYTES} bytes of the text's UTF-8 form, all under one content id. Read, and removed once no
 * reader is to read it; no base is written this way any more.
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

    /**
     * The bytes of {@code content}, or empty when some of its chunks are missing or they do not match the digest: read
     * into one array (hashed chunk by chunk), which the buffer wraps.
     */
    Optional<ByteBuffer> read(UUID content, int count, ByteBuffer digest) {
        byte[] bytes = new byte[count * CHUNK_BYTES];
        MessageDigest sha256 = Sha256.newDigest();
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

    private BoundStatement bounded(BoundStatement statement) {
        return statement.setConsistencyLevel(consistency)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }
}
