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
        return texts.read().map(stored -> new StoredKeys(stored.text(), stored.version()));
    }

    @Override
    public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws VersionConflictException {
        StoredPolicy stored = texts.write(text, expectedVersion, change);
        return new StoredKeys(stored.text(), stored.version());
    }

    @Override
    public List<AuditEntry> audit(int limit) {
        return texts.audit(limit);
    }
}
