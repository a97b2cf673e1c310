package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectingPolicyStoreTest {
    @TempDir
    Path folder;

    @Test
    void unreachableStoreShouldBeTriedAgainOnTheNextRead() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        MemoryPolicyStore remote = MemoryPolicyStore.holding("relay-domain relay.test\n");
        ConnectingPolicyStore store = new ConnectingPolicyStore(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new PolicyStoreException("connection refused");
            }
            return remote;
        }, folder.resolve("relay-policy.conf"));

        assertThatThrownBy(store::read).hasMessage("connection refused");
        assertThat(store.read().orElseThrow().text()).isEqualTo("relay-domain relay.test\n");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void emptyStoreShouldBeSeededWithThePolicyFile() throws Exception {
        Path seed = folder.resolve("relay-policy.conf");
        Files.writeString(seed, "trusted-network 127.0.0.1/32\n");
        MemoryPolicyStore remote = new MemoryPolicyStore(Clock.systemUTC());

        ConnectingPolicyStore store = new ConnectingPolicyStore(() -> remote, seed);

        assertThat(store.read().orElseThrow().text()).isEqualTo("trusted-network 127.0.0.1/32\n");
        assertThat(remote.audit(1).get(0).change().action()).isEqualTo("seed from " + seed);
    }

    @Test
    void storeHoldingAPolicyShouldNotBeSeeded() throws Exception {
        Path seed = folder.resolve("relay-policy.conf");
        Files.writeString(seed, "trusted-network 127.0.0.1/32\n");

        ConnectingPolicyStore store = new ConnectingPolicyStore(() -> MemoryPolicyStore.holding("relay-domain kept.test\n"), seed);

        assertThat(store.read().orElseThrow().text()).isEqualTo("relay-domain kept.test\n");
    }

    /**
     * A default method left to the interface would do what the store behind does better, or not at all: the default
     * {@code writeStreamed} reads the whole import into a {@code String}, which ran a 10,000,000-recipient import into
     * an {@code OutOfMemoryError}.
     */
    @Test
    void everyMethodShouldBeLeftToTheStoreBehind() {
        List<String> inherited = Arrays.stream(PolicyStore.class.getMethods())
            .filter(Method::isDefault)
            .filter(method -> declaringClassOf(method) != ConnectingPolicyStore.class)
            .map(Method::getName)
            .collect(Collectors.toList());

        assertThat(inherited).isEmpty();
    }

    private static Class<?> declaringClassOf(Method method) {
        try {
            return ConnectingPolicyStore.class.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
