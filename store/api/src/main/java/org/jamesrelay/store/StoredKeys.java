package org.jamesrelay.store;

import java.util.Objects;

/**
 * The DKIM keys as a store holds them, and the version that identifies this content. The text holds private
 * keys: {@link #toString()} does not show it.
 */
public final class StoredKeys {
    /** The version to expect when no keys are stored yet. */
    public static final long NO_VERSION = StoredPolicy.NO_VERSION;

    private final String text;
    private final long version;

    public StoredKeys(String text, long version) {
        if (version == NO_VERSION) {
            throw new IllegalArgumentException("version " + NO_VERSION + " means that nothing is stored");
        }
        this.text = Objects.requireNonNull(text);
        this.version = version;
    }

    public String text() {
        return text;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof StoredKeys) {
            StoredKeys that = (StoredKeys) o;
            return version == that.version && text.equals(that.text);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, version);
    }

    @Override
    public String toString() {
        return "StoredKeys{version=" + version + "}";
    }
}
