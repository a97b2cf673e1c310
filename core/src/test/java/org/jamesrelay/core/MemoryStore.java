package org.jamesrelay.core;

import java.util.HashMap;
import java.util.Map;

/** The shared store of {@link SharedWindows} in memory: counts per name, window and key; {@code down} makes it fail. */
final class MemoryStore implements SharedWindows.Store {
    final Map<String, Map<String, Long>> counts = new HashMap<>();
    boolean down;

    @Override
    public void add(String limit, long window, Map<String, Long> deltas) {
        if (down) {
            throw new IllegalStateException("store down");
        }
        deltas.forEach((key, delta) -> counts.computeIfAbsent(limit + "/" + window, any -> new HashMap<>()).merge(key, delta, Long::sum));
    }

    @Override
    public Map<String, Long> read(String limit, long window) {
        if (down) {
            throw new IllegalStateException("store down");
        }
        return counts.getOrDefault(limit + "/" + window, Map.of());
    }
}
