package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
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
        TransportSlots slots = new TransportSlots(1, Duration.ofSeconds(30));
        assertThat(slots.acquire(OTHER)).isTrue();
        FutureTask<Boolean> waiting = new FutureTask<>(() -> slots.acquire(OTHER));
        Thread delivery = new Thread(waiting, "waiting-delivery");
        delivery.start();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
            .until(() -> delivery.getState() == Thread.State.TIMED_WAITING);
        assertThat(waiting).as("a delivery waiting for the slot").isNotDone();
        slots.release(OTHER);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSlotIsTakenWithoutWaitingOnlyWhenOneIsFree() throws Exception {
        TransportSlots slots = new TransportSlots(1, Duration.ofSeconds(30));
        assertThat(slots.tryAcquire(OTHER)).isTrue();

        assertThat(slots.tryAcquire(OTHER)).isFalse();
        assertThat(slots.tryAcquire(STUCK)).isTrue();

        slots.release(OTHER);
        assertThat(slots.tryAcquire(OTHER)).isTrue();
    }
}
