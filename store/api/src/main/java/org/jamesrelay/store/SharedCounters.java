package org.jamesrelay.store;

import java.util.Map;

/**
 * Rate-limit counts shared by the relay nodes of one store: per limit and window, one count per key, to which each
 * node adds what it counted. Counter updates are not idempotent: a retried add may count twice (an overshoot on the
 * safe side).
 */
public interface SharedCounters {
    /** Adds each delta to the count of its key in the window of the limit. */
    void add(String limit, long window, Map<String, Long> deltas) throws PolicyStoreException;

    /** Every key's count in the window of the limit. */
    Map<String, Long> read(String limit, long window) throws PolicyStoreException;
}
