package org.jamesrelay.store.cassandra;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.SharedCounters;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The shared rate-limit counts: one partition per limit and window, one counter per key, so that one read gives a
 * node every key's cluster count of a limit. A node adds its new counts in one counter batch (same partition) and
 * reads the partition back, once a sync interval. Past windows are not read again; they can be dropped with
 * {@code DELETE FROM relay_rate_counts WHERE limit_name = ? AND window = ?} (counter tables have no TTL).
 */
final class RateCountTable implements SharedCounters {
    static final String NAME = "relay_rate_counts";
    private static final Duration SCHEMA_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;
    private final PreparedStatement increment;
    private final PreparedStatement select;
    private final Duration requestTimeout;

    static RateCountTable create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        String table = configuration.keyspace() + "." + NAME;
        if (session.getMetadata().getKeyspace(configuration.keyspace()).flatMap(known -> known.getTable(NAME)).isEmpty()) {
            DriverFailures.call("create the table " + table, () -> session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + table
                + " (limit_name text, window bigint, key text, count counter, PRIMARY KEY ((limit_name, window), key))"
                + " WITH comment = 'James Relay: rate-limit counts shared by the nodes, per limit and window'")
                .setTimeout(SCHEMA_CHANGE_TIMEOUT)));
        }
        return DriverFailures.call("prepare the statements on " + table, () -> new RateCountTable(session,
            session.prepare("UPDATE " + table + " SET count = count + ? WHERE limit_name = ? AND window = ? AND key = ?"),
            session.prepare("SELECT key, count FROM " + table + " WHERE limit_name = ? AND window = ?"),
            configuration.requestTimeout()));
    }

    private RateCountTable(CqlSession session, PreparedStatement increment, PreparedStatement select, Duration requestTimeout) {
        this.session = session;
        this.increment = increment;
        this.select = select;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void add(String limit, long window, Map<String, Long> deltas) throws PolicyStoreException {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.COUNTER);
        deltas.forEach((key, delta) -> batch.addStatement(increment.bind(delta, limit, window, key)));
        BatchStatement statement = batch.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(requestTimeout).build();
        DriverFailures.call("add rate-limit counts of " + limit + " to Cassandra", () -> session.execute(statement));
    }

    @Override
    public Map<String, Long> read(String limit, long window) throws PolicyStoreException {
        return DriverFailures.call("read the rate-limit counts of " + limit + " from Cassandra", () -> {
            Map<String, Long> counts = new HashMap<>();
            for (Row row : session.execute(select.bind(limit, window).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setIdempotent(true).setTimeout(requestTimeout))) {
                counts.put(row.getString("key"), row.getLong("count"));
            }
            return counts;
        });
    }
}
