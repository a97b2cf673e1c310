package org.jamesrelay.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** DKIM keys in memory, lost at restart: for tests. */
public final class MemoryDkimKeyStore implements DkimKeyStore {
    private final MemoryPolicyStore texts;

    public MemoryDkimKeyStore(Clock clock) {
        this.texts = new MemoryPolicyStore(clock);
    }

    @Override
    public Optional<StoredKeys> read() {
        return texts.read().map(StoredKeys::of);
    }

    @Override
    public long version() {
        return texts.version();
    }

    @Override
    public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws VersionConflictException {
        return StoredKeys.of(texts.write(text, expectedVersion, change));
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return texts.audit(limit);
    }
}
