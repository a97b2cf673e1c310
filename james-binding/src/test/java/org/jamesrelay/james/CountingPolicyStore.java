package org.jamesrelay.james;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.TextReading;
import org.jamesrelay.store.Versioned;

/** A store that passes everything to another and counts the reads of its text: whole ({@link #read()}) or streamed. */
final class CountingPolicyStore implements PolicyStore {
    private final PolicyStore store;
    private final AtomicInteger wholeReads = new AtomicInteger();
    private final AtomicInteger streamedReads = new AtomicInteger();

    CountingPolicyStore(PolicyStore store) {
        this.store = store;
    }

    int wholeReads() {
        return wholeReads.get();
    }

    int streamedReads() {
        return streamedReads.get();
    }

    /** Every read of the text, whole or streamed. */
    int textReads() {
        return wholeReads() + streamedReads();
    }

    void resetCounts() {
        wholeReads.set(0);
        streamedReads.set(0);
    }

    @Override
    public Optional<StoredPolicy> read() throws PolicyStoreException {
        wholeReads.incrementAndGet();
        return store.read();
    }

    @Override
    public <R, E extends Exception> Optional<Versioned<R>> read(TextReading<R, E> reading) throws PolicyStoreException, E {
        streamedReads.incrementAndGet();
        return store.read(reading);
    }

    @Override
    public long version() throws PolicyStoreException {
        return store.version();
    }

    @Override
    public StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store.write(text, expectedVersion, change);
    }

    @Override
    public long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return store.writeChange(diff, expectedVersion, change);
    }

    @Override
    public Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        return store.changesSince(version);
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return store.audit(limit);
    }
}
