package org.jamesrelay.mailets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.jamesrelay.core.Transport;

/**
 * Which mail makes its first delivery attempt at once, in the spool's thread that routed it, rather than being stored
 * in the relay queue and taken from there: mail whose transport delivered its last attempt, while fewer than
 * {@code limit} such attempts run. Postfix delivers from its incoming queue the same way and moves only what fails
 * to its deferred queue; here the mail stays in the spool, stored, until its attempt has ended.
 * <p>
 * A transport never tried since the start, or whose last attempt failed, gets its mail through the relay queue, so
 * that a next hop that is down or slow holds at most {@code limit} of the spool's threads, once.
 */
final class ImmediateAttempts {
    private final Semaphore running;
    private final Set<Transport> lastAttemptDelivered = ConcurrentHashMap.newKeySet();

    ImmediateAttempts(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a limit of immediate attempts cannot be negative, got " + limit);
        }
        this.running = new Semaphore(limit);
    }

    /** Whether mail for {@code transport} may be attempted now; when true, {@link #end()} must follow. */
    boolean tryStart(Transport transport) {
        return lastAttemptDelivered.contains(transport) && running.tryAcquire();
    }

    void end() {
        running.release();
    }

    void delivered(Transport transport) {
        lastAttemptDelivered.add(transport);
    }

    void failed(Transport transport) {
        lastAttemptDelivered.remove(transport);
    }
}
