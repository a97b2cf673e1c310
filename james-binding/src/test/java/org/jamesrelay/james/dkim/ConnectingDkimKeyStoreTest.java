package org.jamesrelay.james.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesrelay.store.MemoryDkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.junit.jupiter.api.Test;

class ConnectingDkimKeyStoreTest {
    @Test
    void anUnreachableStoreIsTriedAgainAndTheKeysAppliedOnceItAnswers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        MemoryDkimKeyStore remote = new MemoryDkimKeyStore(Clock.systemUTC());
        remote.write("dkim-domain example.com subdomains=no on-failure=hold\n", StoredKeys.NO_VERSION, new PolicyChange("a", "b", "", ""));
        ConnectingDkimKeyStore store = new ConnectingDkimKeyStore(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new PolicyStoreException("connection refused");
            }
            return remote;
        });

        DkimKeyService service = DkimKeyService.readOnce(new DkimKeySource(store, "remote", Duration.ofSeconds(1)));
        assertThat(service.keyring()).isEmpty();

        service.refresh();

        assertThat(service.keyring().orElseThrow().domain("example.com")).isPresent();
        service.refresh();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aStoreThatCannotBeReachedFailsEachOperation() {
        ConnectingDkimKeyStore store = new ConnectingDkimKeyStore(() -> {
            throw new PolicyStoreException("connection refused");
        });

        assertThatThrownBy(store::read).hasMessage("connection refused");
        assertThatThrownBy(() -> store.audit(1)).hasMessage("connection refused");
    }
}
