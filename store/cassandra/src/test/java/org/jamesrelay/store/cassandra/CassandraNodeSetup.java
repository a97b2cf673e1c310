package org.jamesrelay.store.cassandra;

import java.util.List;

/**
 * How a {@link CassandraNode} is tuned: the lines it adds to its {@code cassandra.yaml} and the options it adds to its JVM.
 */
public enum CassandraNodeSetup {
    /**
     * For tests: quick to start and light on a shared build machine (C1 only, small memtables and caches, one compactor),
     * and each write waits for its commit log sync, so that a node killed mid-test loses none of the writes it acknowledged.
     */
    TEST(
        List.of(
            "commitlog_sync: batch",
            "commitlog_segment_size: 8MiB",
            "memtable_heap_space: 64MiB",
            "memtable_offheap_space: 64MiB",
            "key_cache_size: 8MiB",
            "counter_cache_size: 0MiB",
            "prepared_statements_cache_size: 8MiB",
            "file_cache_size: 32MiB",
            "concurrent_compactors: 1"),
        List.of("-XX:TieredStopAtLevel=1")),
    /**
     * For measurements that the test tuning would skew: Cassandra's own defaults (memtables, caches and compactors sized
     * from the heap and the cores, full tiered JIT), with the commit log synced every 10 s as its shipped cassandra.yaml does.
     */
    PRODUCTION(
        List.of(
            "commitlog_sync: periodic",
            "commitlog_sync_period: 10000ms"),
        List.of());

    private final List<String> configurationLines;
    private final List<String> jvmOptions;

    CassandraNodeSetup(List<String> configurationLines, List<String> jvmOptions) {
        this.configurationLines = configurationLines;
        this.jvmOptions = jvmOptions;
    }

    List<String> configurationLines() {
        return configurationLines;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }
}
