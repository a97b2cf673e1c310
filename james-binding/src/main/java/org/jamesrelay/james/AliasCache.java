package org.jamesrelay.james;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jamesrelay.core.EnvelopeAddress;

/**
 * Remembers the answers of an {@link AliasSource} until {@link #clear()}, which the directory mirror calls at each
 * refresh: an alias changed in James is seen within one refresh interval, as a changed domain is. A failed lookup is
 * not remembered. Past {@code capacity} addresses, answers are looked up but not remembered.
 */
final class AliasCache implements AliasSource {
    private final AliasSource source;
    private final int capacity;
    private volatile Map<String, Set<String>> loginsByAddress = new ConcurrentHashMap<>();

    AliasCache(AliasSource source, int capacity) {
        this.source = source;
        this.capacity = capacity;
    }

    @Override
    public Set<String> loginsReceiving(EnvelopeAddress address) throws Exception {
        Map<String, Set<String>> current = loginsByAddress;
        Set<String> cached = current.get(address.key());
        if (cached != null) {
            return cached;
        }
        Set<String> logins = source.loginsReceiving(address);
        if (current.size() < capacity) {
            current.put(address.key(), logins);
        }
        return logins;
    }

    /** Forgets every answer; a lookup under way stores its answer in the forgotten map, never in the new one. */
    void clear() {
        loginsByAddress = new ConcurrentHashMap<>();
    }
}
