package org.jamesrelay.store;

import java.util.Objects;

/** What was read from a stored text, and the version of exactly the text it was read from. */
public final class Versioned<R> {
    private final R value;
    private final long version;

    public Versioned(R value, long version) {
        if (version == StoredText.NO_VERSION) {
            throw new IllegalArgumentException("version " + StoredText.NO_VERSION + " means that nothing is stored");
        }
        this.value = Objects.requireNonNull(value);
        this.version = version;
    }

    public R value() {
        return value;
    }

    public long version() {
        return version;
    }
}
