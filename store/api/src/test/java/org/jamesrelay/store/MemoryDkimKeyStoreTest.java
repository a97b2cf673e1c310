package org.jamesrelay.store;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;

class MemoryDkimKeyStoreTest implements DkimKeyStoreContract {
    private MemoryDkimKeyStore store;

    @BeforeEach
    void setUp() {
        store = new MemoryDkimKeyStore(Clock.systemUTC());
    }

    @Override
    public DkimKeyStore keyStore() {
        return store;
    }
}
