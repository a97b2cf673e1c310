package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.TlsPolicy;
import org.jamesrelay.core.Transport;
import org.junit.jupiter.api.Test;

class TransportSlotsTest {
    private static final Transport STUCK = transport(2601);
    private static final Transport OTHER = transport(2602);

    private static Transport transport(int port) {
        return new Transport(List.of(new NextHop("127.0.0.1", port)), TlsPolicy.NONE, Optional.empty(), Transport.Balance.FAILOVER);
    }

    @Test
    void aStalledTransportHandsItsMailBackWhileOthersGetSlots() throws Exception {
        TransportSlots slots = new TransportSlots(2, Duration.ofMillis(300));
        assertThat(slots.acquire(STUCK)).isTrue();
        assertThat(slots.acquire(STUCK)).isTrue();

        long start = System.nanoTime();
        assertThat(slots.acquire(STUCK)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(slots.acquire(OTHER)).isTrue();
    }

    @Test
    void aBusyTransportThatMakesProgressIsWaitedFor() throws Exception {
        TransportSlots slots = new TransportSlots(1, Duration.ofMillis(300));
        assertThat(slots.acquire(OTHER)).isTrue();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return slots.acquire(OTHER);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(150);
        slots.release(OTHER);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
