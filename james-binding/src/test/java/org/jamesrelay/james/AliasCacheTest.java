package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jamesrelay.core.EnvelopeAddress;
import org.junit.jupiter.api.Test;

class AliasCacheTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<Set<String>> answer = new AtomicReference<>(Set.of("alice@local.test"));
    private final AliasSource source = address -> {
        lookups.incrementAndGet();
        Set<String> logins = answer.get();
        if (logins == null) {
            throw new IllegalStateException("unreachable");
        }
        return logins;
    };

    private static EnvelopeAddress address(String raw) throws Exception {
        return EnvelopeAddress.parse(raw);
    }

    @Test
    void answerShouldBeRememberedUntilCleared() throws Exception {
        AliasCache cache = new AliasCache(source, 10);

        cache.loginsReceiving(address("postmaster@local.test"));
        answer.set(Set.of("bob@local.test"));

        assertThat(cache.loginsReceiving(address("PostMaster@local.test"))).containsExactly("alice@local.test");
        cache.clear();
        assertThat(cache.loginsReceiving(address("postmaster@local.test"))).containsExactly("bob@local.test");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void failureShouldNotBeRemembered() throws Exception {
        AliasCache cache = new AliasCache(source, 10);
        answer.set(null);

        assertThatThrownBy(() -> cache.loginsReceiving(address("postmaster@local.test"))).isInstanceOf(IllegalStateException.class);
        answer.set(Set.of("alice@local.test"));

        assertThat(cache.loginsReceiving(address("postmaster@local.test"))).containsExactly("alice@local.test");
    }

    @Test
    void addressesPastTheCapacityShouldBeLookedUpEachTime() throws Exception {
        AliasCache cache = new AliasCache(source, 1);

        cache.loginsReceiving(address("first@local.test"));
        cache.loginsReceiving(address("second@local.test"));
        cache.loginsReceiving(address("second@local.test"));
        cache.loginsReceiving(address("first@local.test"));

        assertThat(lookups).hasValue(3);
    }
}
