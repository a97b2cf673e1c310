package org.jamesrelay.store.cassandra;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.SharedCounters;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * The relay policy in Cassandra, shared by every relay node connected to the same keyspace. The text is kept in
 * chunks of at most 512 KiB, written before the head names them, so a reader never sees half a change and no cell,
 * row or message grows with the policy; a change of the head and its audit entry are written by one lightweight
 * transaction (see {@link PolicyTable}): they exist together or not at all, even when a timed-out write is applied
 * after all.
 *
 * <p>Consistency: a write is a lightweight transaction at SERIAL, committed at QUORUM; reads are at QUORUM, so
 * they overlap the replicas of every committed write and a write made through one node is read through any
 * other. SERIAL rather than LOCAL_SERIAL because the policy is one for all datacenters: with LOCAL_SERIAL, two
 * datacenters could each accept a different change of the same version. These are James's own defaults
 * ({@code cassandra.consistency_level.regular} and {@code .lightweight_transaction}); policy changes are rare,
 * so the cross-datacenter round trips cost nothing that matters.
 */
public final class CassandraPolicyStore implements PolicyStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraPolicyStore.class);

    private static final ConsistencyLevel READ = ConsistencyLevel.QUORUM;
    private static final ConsistencyLevel COMMIT = ConsistencyLevel.QUORUM;
    private static final ConsistencyLevel TRANSACTION = ConsistencyLevel.SERIAL;
    private static final String READ_ACTION = "read the relay policy from Cassandra";
    private static final String WRITE_ACTION = "write the relay policy to Cassandra";
    private static final int READ_ATTEMPTS = 3;

    /**
     * Opens a session of its own, creates the keyspace and the table if absent, and prepares the statements.
     * {@link #close()} closes the session.
     */
    public static CassandraPolicyStore connect(CassandraStoreConfiguration configuration) throws PolicyStoreException {
        String contactPoints = String.join(", ", configuration.contactPoints());
        CqlSession session = DriverFailures.call("connect to Cassandra at " + contactPoints, () -> openSession(configuration));
        try {
            CassandraPolicyStore store = create(session, configuration, true);
            LOGGER.info("Relay policy store on Cassandra at {}, keyspace {}", contactPoints, configuration.keyspace());
            return store;
        } catch (PolicyStoreException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A store on a session that the caller owns, such as the one of a James server that keeps its mail in
     * Cassandra: the contact points and datacenter of the configuration are not used, and {@link #close()} leaves
     * the session open. Creates the keyspace and the table if absent.
     */
    public static CassandraPolicyStore create(CqlSession session, CassandraStoreConfiguration configuration) throws PolicyStoreException {
        return create(session, configuration, false);
    }

    private static CassandraPolicyStore create(CqlSession session, CassandraStoreConfiguration configuration, boolean ownsSession) throws PolicyStoreException {
        return new CassandraPolicyStore(session, PolicyTable.create(session, configuration),
            Optional.of(RateCountTable.create(session, configuration)), configuration.requestTimeout(), ownsSession);
    }

    /** The same versioned text and audit, on another table and without rate-limit counts: the DKIM key store's. */
    static CassandraPolicyStore on(CqlSession session, PolicyTable table, CassandraStoreConfiguration configuration, boolean ownsSession) {
        return new CassandraPolicyStore(session, table, Optional.empty(), configuration.requestTimeout(), ownsSession);
    }

    static CqlSession openSession(CassandraStoreConfiguration configuration) {
        ClassLoader driverClassLoader = CqlSession.class.getClassLoader();
        DriverConfigLoader driverConfiguration = DriverConfigLoader.programmaticBuilder(driverClassLoader)
            .withStringList(DefaultDriverOption.CONTACT_POINTS, configuration.contactPoints())
            .withString(DefaultDriverOption.LOAD_BALANCING_LOCAL_DATACENTER, configuration.localDatacenter())
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, configuration.requestTimeout())
            .build();
        return CqlSession.builder()
            .withClassLoader(driverClassLoader)
            .withConfigLoader(driverConfiguration)
            .build();
    }

    private final CqlSession session;
    private final PolicyTable table;
    private final TextChunks chunks;
    private final Optional<RateCountTable> rateCounts;
    private final Duration requestTimeout;
    private final boolean ownsSession;

    private CassandraPolicyStore(CqlSession session, PolicyTable table, Optional<RateCountTable> rateCounts, Duration requestTimeout,
                                 boolean ownsSession) {
        this.session = session;
        this.table = table;
        this.chunks = new TextChunks(session, table, READ, requestTimeout);
        this.rateCounts = rateCounts;
        this.requestTimeout = requestTimeout;
        this.ownsSession = ownsSession;
    }

    @Override
    public Optional<StoredPolicy> read() throws PolicyStoreException {
        for (int attempt = 1; ; attempt++) {
            Row head = DriverFailures.call(READ_ACTION, () -> session.execute(read(table.selectHead.bind())).one());
            long version = versionIn(head);
            if (version == StoredPolicy.NO_VERSION) {
                return Optional.empty();
            }
            if (head.isNull("content")) {
                return Optional.of(new StoredPolicy(head.getString("text"), version));
            }
            Optional<byte[]> bytes = DriverFailures.call(READ_ACTION,
                () -> chunks.read(head.getUuid("content"), head.getInt("chunks"), head.getByteBuffer("digest")));
            if (bytes.isPresent()) {
                return Optional.of(new StoredPolicy(new String(bytes.get(), StandardCharsets.UTF_8), version));
            }
            // Two writes while this read went on removed the chunks it was reading: the head names newer ones.
            if (attempt == READ_ATTEMPTS) {
                throw new PolicyStoreException("Cannot " + READ_ACTION + ": the chunks of version " + version
                    + " are missing or do not match its digest");
            }
        }
    }

    /** Reads the version column only: the cost of a poll does not grow with the policy. */
    @Override
    public long version() throws PolicyStoreException {
        return DriverFailures.call("read the relay policy version from Cassandra", () -> versionIn(session.execute(read(table.selectVersion.bind())).one()));
    }

    /**
     * Writes the new text's chunks under a new content id, then moves the head to it with the audit row, if the
     * version is still the expected one; then removes the chunks of the content the head named two versions ago (the
     * previous ones stay for readers that read the head just before the change). A write that lost leaves nothing;
     * one that failed before the head was to move was surely not applied, and says so by saying nothing else.
     */
    @Override
    public StoredPolicy write(String text, long expectedVersion, PolicyChange requested) throws PolicyStoreException {
        PolicyChange change = requested.bounded();
        Row replaced = DriverFailures.call(WRITE_ACTION, () -> session.execute(read(table.selectContents.bind())).one());
        if (versionIn(replaced) != expectedVersion) {
            throw new VersionConflictException(expectedVersion, versionIn(replaced));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        UUID content = UUID.randomUUID();
        int count = DriverFailures.call(WRITE_ACTION, () -> chunks.write(content, bytes));
        Optional<Row> head = Optional.ofNullable(replaced);
        long version = expectedVersion + 1;
        BoundStatement statement = table.updateHead.bind(version, content, head.map(row -> row.getUuid("content")).orElse(null), count,
                ByteBuffer.wrap(TextChunks.digest(bytes)), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                change.actor(), change.action(), change.before(), change.after(),
                version, expectedVersion == StoredPolicy.NO_VERSION ? null : expectedVersion)
            .setConsistencyLevel(COMMIT)
            .setSerialConsistencyLevel(TRANSACTION)
            .setTimeout(requestTimeout);
        ResultSet result;
        try {
            result = session.execute(statement);
        } catch (DriverException e) {
            throw DriverFailures.translateWrite(WRITE_ACTION, e);
        }
        if (!result.wasApplied()) {
            deleteChunks(content);
            throw new VersionConflictException(expectedVersion, versionIn(result.one()));
        }
        head.map(row -> row.getUuid("previous_content")).ifPresent(this::deleteChunks);
        return new StoredPolicy(text, version);
    }

    /** Chunks left behind by a failure here take room and do no harm: nothing names them. */
    private void deleteChunks(UUID content) {
        try {
            chunks.delete(content);
        } catch (DriverException e) {
            LOGGER.warn("Cannot remove the chunks of the replaced content {} from Cassandra: {}", content, e.getMessage());
        }
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return DriverFailures.call("read the relay policy audit from Cassandra", () -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (Row row : session.execute(read(table.selectChanges.bind(limit)))) {
                // A partition whose changes were all pruned still has its static row, with no change in it.
                if (!row.isNull("change")) {
                    entries.add(new AuditEntry(row.getInstant("at"), row.getLong("change"),
                        new PolicyChange(row.getString("actor"), row.getString("action"), row.getString("before"), row.getString("after"))));
                }
            }
            return List.copyOf(entries);
        });
    }

    private static long versionIn(Row row) {
        return row == null || row.isNull("version") ? StoredPolicy.NO_VERSION : row.getLong("version");
    }

    private BoundStatement read(BoundStatement statement) {
        return statement.setConsistencyLevel(READ)
            .setIdempotent(true)
            .setTimeout(requestTimeout);
    }

    /** The rate-limit counts of the nodes that share this keyspace. */
    @Override
    public Optional<SharedCounters> sharedCounters() {
        return rateCounts.map(SharedCounters.class::cast);
    }

    /** Closes the session if the store opened it. */
    @Override
    public void close() {
        if (ownsSession) {
            session.close();
        }
    }
}
