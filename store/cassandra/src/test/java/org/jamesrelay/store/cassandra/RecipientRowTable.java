package org.jamesrelay.store.cassandra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Relay recipients stored a row each, the layout issue 17 asks for, for {@link RowPerEntryComparison} to measure:
 * {@code PRIMARY KEY ((domain, bucket), local_part)}, the bucket a hash of the local part, so that a lookup finds the
 * partition from the address alone and a domain's recipients spread over {@value #BUCKETS} partitions.
 */
final class RecipientRowTable {
    /**
     * Fixed for the table (changing it means rewriting every row): a domain stays under 100,000 rows a partition up to
     * 1,600,000 recipients.
     */
    static final int BUCKETS = 16;
    /** Rows of one partition in one unlogged batch: a few KB, far under Cassandra 5's batch_size_fail_threshold of 50 KiB. */
    static final int DEFAULT_BATCH_ROWS = 100;
    static final int DEFAULT_BATCHES_IN_FLIGHT = 32;
    static final int SCAN_PAGE_ROWS = 5_000;
    static final int SCAN_RANGES = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static int bucketOf(String localPart) {
        return Math.floorMod(localPart.hashCode(), BUCKETS);
    }

    private final CqlSession session;
    private final String table;
    private final int batchRows;
    private final int batchesInFlight;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement select;
    private final PreparedStatement scanRange;

    RecipientRowTable(CqlSession session, String keyspace, int batchRows, int batchesInFlight) {
        this.session = session;
        this.table = keyspace + ".relay_recipients";
        this.batchRows = batchRows;
        this.batchesInFlight = batchesInFlight;
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}").setTimeout(TIMEOUT));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + table
            + " (domain text, bucket int, local_part text, PRIMARY KEY ((domain, bucket), local_part))").setTimeout(TIMEOUT));
        this.insert = session.prepare("INSERT INTO " + table + " (domain, bucket, local_part) VALUES (?, ?, ?)");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE domain = ? AND bucket = ? AND local_part = ?");
        this.select = session.prepare("SELECT local_part FROM " + table + " WHERE domain = ? AND bucket = ? AND local_part = ?");
        this.scanRange = session.prepare("SELECT domain, local_part FROM " + table
            + " WHERE token(domain, bucket) > ? AND token(domain, bucket) <= ?");
    }

    /**
     * Writes the recipients {@code user<i>@d<i % domains>.relay.test} for i below {@code recipients}, domain by domain and
     * bucket by bucket, in unlogged batches of one partition.
     */
    void importRecipients(int recipients, int domains) throws InterruptedException {
        Semaphore inFlight = new Semaphore(batchesInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int domainIndex = 0; domainIndex < domains && failure.get() == null; domainIndex++) {
            String domain = RecipientAddresses.domain(domainIndex);
            List<List<BoundStatement>> buckets = new ArrayList<>();
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                buckets.add(new ArrayList<>(batchRows));
            }
            for (int i = domainIndex; i < recipients; i += domains) {
                String localPart = RecipientAddresses.localPart(i);
                List<BoundStatement> rows = buckets.get(bucketOf(localPart));
                rows.add(insert.bind(domain, bucketOf(localPart), localPart));
                if (rows.size() == batchRows) {
                    send(rows, inFlight, failure);
                    rows.clear();
                }
            }
            for (List<BoundStatement> rows : buckets) {
                if (!rows.isEmpty()) {
                    send(rows, inFlight, failure);
                }
            }
        }
        inFlight.acquire(batchesInFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("a batch failed", failure.get());
        }
    }

    private void send(List<BoundStatement> rows, Semaphore inFlight, AtomicReference<Throwable> failure) throws InterruptedException {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED).setTimeout(TIMEOUT);
        rows.forEach(batch::addStatement);
        inFlight.acquire();
        session.executeAsync(batch.build()).whenComplete((result, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }

    /** Every row, in one query paged through the whole table, as a node without parallelism would read it. */
    long scanInOneQuery() {
        long rows = 0;
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT domain, local_part FROM " + table)
            .setPageSize(SCAN_PAGE_ROWS).setTimeout(TIMEOUT))) {
            rows += decoded(row);
        }
        return rows;
    }

    /** Every row, the token ring cut into {@value #SCAN_RANGES} ranges read side by side, each a paged query. */
    long scanInRanges() throws InterruptedException, ExecutionException {
        ExecutorService readers = Executors.newFixedThreadPool(SCAN_RANGES);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int range = 0; range < SCAN_RANGES; range++) {
                long from = tokenBound(range);
                long to = tokenBound(range + 1);
                counts.add(readers.submit(() -> scan(from, to)));
            }
            long rows = 0;
            for (Future<Long> count : counts) {
                rows += count.get();
            }
            return rows;
        } finally {
            readers.shutdownNow();
        }
    }

    /** Murmur3 tokens run from Long.MIN_VALUE (never a partition's) to Long.MAX_VALUE. */
    private static long tokenBound(int range) {
        if (range == SCAN_RANGES) {
            return Long.MAX_VALUE;
        }
        return Long.MIN_VALUE + range * Long.divideUnsigned(-1L, SCAN_RANGES);
    }

    private long scan(long fromExclusive, long toInclusive) {
        long rows = 0;
        for (Row row : session.execute(scanRange.bind(fromExclusive, toInclusive).setPageSize(SCAN_PAGE_ROWS).setTimeout(TIMEOUT))) {
            rows += decoded(row);
        }
        return rows;
    }

    /** 1 for a row whose address was decoded, as a node building its table from the rows would decode it. */
    private static int decoded(Row row) {
        return row.getString("domain") != null && row.getString("local_part") != null ? 1 : 0;
    }

    boolean contains(String localPart, String domain) {
        return session.execute(select.bind(domain, bucketOf(localPart), localPart)).one() != null;
    }

    void insert(String localPart, String domain) {
        session.execute(insert.bind(domain, bucketOf(localPart), localPart));
    }

    void delete(String localPart, String domain) {
        session.execute(delete.bind(domain, bucketOf(localPart), localPart));
    }
}
