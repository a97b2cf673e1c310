package org.jamesrelay.store;

import java.util.Optional;

/**
 * Where the relay policy is kept, shared by every relay node that uses the same store. The policy is kept as its
 * text (the policy file format): written whole, conditionally on the version the writer read, every write audited.
 */
public interface PolicyStore extends VersionedTextStore<StoredPolicy> {
    /** Rate-limit counts shared through this store, when it is shared by several nodes; empty by default. */
    default Optional<SharedCounters> sharedCounters() {
        return Optional.empty();
    }
}
