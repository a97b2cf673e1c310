package org.jamesrelay.store;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;

class MemoryPolicyStoreTest implements PolicyStoreContract {
    private MemoryPolicyStore store;

    @BeforeEach
    void setUp() {
        store = new MemoryPolicyStore(Clock.systemUTC());
    }

    @Override
    public PolicyStore store() {
        return store;
    }
}
