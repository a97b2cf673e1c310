package org.jamesrelay.store.cassandra;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The diffs of the logged changes (see {@link PolicyTable} for the table): one partition per version, so that none
 * grows with the log and the oldest are dropped by a partition delete, and in it the rows of one diff per writer of that
 * version (only the one the head's audit row names counts; a losing writer removes its own), each of at most
 * {@link TextChunks#CHUNK_BYTES} bytes of its {@link DiffFormat}.
 */
final class ChangeRows {
    private static final int PARTS_PER_PAGE = 4;

    private final CqlSession session;
    private final PolicyTable table;
    private final ConsistencyLevel consistency;
    private final Duration requestTimeout;

    ChangeRows(CqlSession session, PolicyTable table, ConsistencyLevel consistency, Duration requestTimeout) {
        this.session = session;
        this.table = table;
        this.consistency = consistency;
        this.requestTimeout = requestTimeout;
    }

    /** Writes the rows of the diff {@code id} of {@code version}; returns how many. */
    int write(long version, UUID id, byte[] bytes) {
        int count = TextChunks.chunkCount(bytes.length);
        for (int part = 0; part < count; part++) {
            int from = part * TextChunks.CHUNK_BYTES;
            ByteBuffer data = ByteBuffer.wrap(bytes, from, Math.min(TextChunks.CHUNK_BYTES, bytes.length - from)).slice();
            session.execute(bounded(table.insertChange.bind(version, id, part, data)));
        }
        return count;
    }

    /** The bytes of the diff {@code id} of {@code version}, or empty when some of its rows are missing. */
    Optional<byte[]> read(long version, UUID id, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int expected = 0;
        for (Row row : session.execute(bounded(table.selectChange.bind(version, id)).setPageSize(PARTS_PER_PAGE))) {
            if (row.getInt("part") != expected) {
                return Optional.empty();
            }
            ByteBuffer data = row.getByteBuffer("data");
            byte[] part = new byte[data.remaining()];
            data.get(part);
            bytes.writeBytes(part);
            expected++;
        }
        return expected == count ? Optional.of(bytes.toByteArray()) : Optional.empty();
    }

    /** Removes the diff of a writer that lost the race for {@code version}. */
    void delete(long version, UUID id) {
        session.execute(bounded(table.deleteChange.bind(version, id)));
    }

    /** Removes every diff of {@code version}. */
    void deleteVersion(long version) {
        session.execute(bounded(table.deleteChangesOf.bind(version)));
    }

    private BoundStatement bounded(BoundStatement statement) {
        return statement.setConsistencyLevel(consistency)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }
}
