package org.jamesrelay.store.cassandra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.store.TextChange;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The changes logged between two versions: the diff ids named by their audit rows (one slice of the head partition),
 * then each diff from the change table. What a reader applies to a text it holds, and what a whole read applies to the
 * base.
 */
final class LoggedChanges {
    private final CqlSession session;
    private final PolicyTable table;
    private final ChangeRows rows;
    private final ConsistencyLevel consistency;
    private final Duration requestTimeout;

    LoggedChanges(CqlSession session, PolicyTable table, ChangeRows rows, ConsistencyLevel consistency, Duration requestTimeout) {
        this.session = session;
        this.table = table;
        this.rows = rows;
        this.consistency = consistency;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The changes after {@code from} up to {@code to}, oldest first; empty when one of them was written whole (no diff),
     * or its diff was removed or is not whole.
     */
    Optional<List<TextChange>> between(long from, long to) {
        List<Row> audited = session.execute(table.selectLogged.bind(from, to)
            .setConsistencyLevel(consistency)
            .setIdempotent(true)
            .setTimeout(requestTimeout)).all();
        if (audited.size() != to - from) {
            return Optional.empty();
        }
        List<TextChange> changes = new ArrayList<>(audited.size());
        for (Row row : audited) {
            if (row.isNull("diff")) {
                return Optional.empty();
            }
            long version = row.getLong("change");
            Optional<byte[]> diff = rows.read(version, row.getUuid("diff"), row.getInt("diff_parts"));
            if (diff.isEmpty()) {
                return Optional.empty();
            }
            changes.add(new TextChange(version, DiffFormat.read(diff.get())));
        }
        Collections.reverse(changes);
        return Optional.of(List.copyOf(changes));
    }
}
