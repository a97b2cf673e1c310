package org.jamesrelay.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.TextDiff;

/**
 * A store in memory, lost at restart: for tests and for a relay whose policy is only ever set at run time.
 */
public final class MemoryPolicyStore implements PolicyStore {
    private final Clock clock;
    private final List<AuditEntry> audit = new ArrayList<>();
    private final ChangeLog changes = new ChangeLog();
    private Optional<StoredPolicy> current = Optional.empty();

    public MemoryPolicyStore(Clock clock) {
        this.clock = clock;
    }

    /** A store that already holds a policy. */
    public static MemoryPolicyStore holding(String text) {
        MemoryPolicyStore store = new MemoryPolicyStore(Clock.systemUTC());
        store.current = Optional.of(new StoredPolicy(text, 1));
        return store;
    }

    @Override
    public synchronized Optional<StoredPolicy> read() {
        return current;
    }

    @Override
    public synchronized long version() {
        return current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
    }

    @Override
    public synchronized StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws VersionConflictException {
        long actualVersion = current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
        StoredPolicy stored = new StoredPolicy(text, actualVersion + 1);
        current = Optional.of(stored);
        audit.add(new AuditEntry(clock.instant(), stored.version(), change.bounded()));
        return stored;
    }

    @Override
    public synchronized long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws VersionConflictException {
        long actualVersion = current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
        String text = TextDiff.text(diff.applyTo(TextDiff.lines(current.map(StoredPolicy::text).orElse(""))));
        long version = write(text, expectedVersion, change).version();
        changes.record(expectedVersion, version, diff);
        return version;
    }

    @Override
    public synchronized Optional<List<TextChange>> changesSince(long version) {
        return changes.since(version, version());
    }

    @Override
    public synchronized List<AuditEntry> audit(int limit) {
        List<AuditEntry> newestFirst = new ArrayList<>(audit);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }
}
