package org.jamesrelay.james;

import java.util.function.Consumer;

import org.jamesrelay.core.LineSource;
import org.jamesrelay.core.TextLines;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.Versioned;

/** The lines of the stored policy, read through from the store at each pass: {@link StoredPolicy#NO_VERSION} when none. */
final class StoredLines implements LineSource {
    private final PolicyStore store;

    StoredLines(PolicyStore store) {
        this.store = store;
    }

    /** @throws UnreadableStoreException when the store cannot be read */
    @Override
    public long forEachLine(Consumer<String> line) {
        try {
            return store.read(text -> {
                TextLines lines = TextLines.of(text);
                for (String next = lines.next(); next != null; next = lines.next()) {
                    line.accept(next);
                }
                return Boolean.TRUE;
            }).map(Versioned::version).orElse(StoredPolicy.NO_VERSION);
        } catch (PolicyStoreException e) {
            throw new UnreadableStoreException(e);
        }
    }

    /** Lines of the same store are those of the same text at the same version. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StoredLines && ((StoredLines) o).store == store;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(store);
    }
}
