package org.jamesrelay.mailets;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.Transport;

/**
 * At most so many deliveries at once through one transport (Postfix {@code default_destination_concurrency_limit}),
 * so that a next hop that swallows connections without answering holds only its share of the delivery threads.
 * <p>
 * When a transport's deliveries are all running, a thread waits for one to end as long as the transport makes
 * progress (a delivery started or ended within {@code stallAfter}): a busy but working hop is waited for, not
 * re-queued. A transport without progress is stalled: its mail is handed back at once, to wait in the queue.
 */
final class TransportSlots {
    private static final long POLL_MILLIS = 100;

    private final int perTransport;
    private final Duration stallAfter;
    private final Map<Transport, Slots> slots = new ConcurrentHashMap<>();

    private static final class Slots {
        private final Semaphore permits;
        private volatile long lastProgress = System.nanoTime();

        private Slots(int permits) {
            this.permits = new Semaphore(permits);
        }

        private boolean stalled(Duration stallAfter) {
            return System.nanoTime() - lastProgress > stallAfter.toNanos();
        }
    }

    TransportSlots(int perTransport, Duration stallAfter) {
        if (perTransport < 1) {
            throw new IllegalArgumentException("at least one delivery per transport, got " + perTransport);
        }
        this.perTransport = perTransport;
        this.stallAfter = stallAfter;
    }

    /** A slot of this transport; false when the transport is stalled. */
    boolean acquire(Transport transport) throws InterruptedException {
        Slots transportSlots = slots.computeIfAbsent(transport, any -> new Slots(perTransport));
        while (!transportSlots.permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (transportSlots.stalled(stallAfter)) {
                return false;
            }
        }
        transportSlots.lastProgress = System.nanoTime();
        return true;
    }

    /** A slot of this transport if one is free now, without waiting. */
    boolean tryAcquire(Transport transport) {
        Slots transportSlots = slots.computeIfAbsent(transport, any -> new Slots(perTransport));
        if (!transportSlots.permits.tryAcquire()) {
            return false;
        }
        transportSlots.lastProgress = System.nanoTime();
        return true;
    }

    void release(Transport transport) {
        Slots transportSlots = slots.get(transport);
        transportSlots.lastProgress = System.nanoTime();
        transportSlots.permits.release();
    }

    int perTransport() {
        return perTransport;
    }
}
