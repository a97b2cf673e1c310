package org.jamesrelay.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jamesrelay.core.TextDiff;

/**
 * The last changes written through one store, in memory: each from the version it was made to, to the version it
 * produced. Versions need not grow (the file store's are hashes of the text): a reader follows the changes from its
 * version to the current one. Holds at most {@link #KEPT_CHANGES}; not thread-safe (its store serialises writes).
 */
public final class ChangeLog {
    public static final int KEPT_CHANGES = 1_000;

    private static final class Step {
        private final long to;
        private final TextDiff diff;

        private Step(long to, TextDiff diff) {
            this.to = to;
            this.diff = diff;
        }
    }

    private final Map<Long, Step> byFromVersion = new LinkedHashMap<>();

    public void record(long from, long to, TextDiff diff) {
        byFromVersion.remove(from);
        byFromVersion.put(from, new Step(to, diff));
        if (byFromVersion.size() > KEPT_CHANGES) {
            Iterator<Long> oldest = byFromVersion.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The changes from {@code version} to {@code current}; empty when this log does not reach from one to the other. */
    public Optional<List<TextChange>> since(long version, long current) {
        List<TextChange> changes = new ArrayList<>();
        long at = version;
        while (at != current) {
            Step step = byFromVersion.get(at);
            if (step == null || changes.size() == byFromVersion.size()) {
                return Optional.empty();
            }
            changes.add(new TextChange(step.to, step.diff));
            at = step.to;
        }
        return Optional.of(List.copyOf(changes));
    }
}
