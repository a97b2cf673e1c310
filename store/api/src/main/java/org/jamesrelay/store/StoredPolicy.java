package org.jamesrelay.store;

import java.util.Objects;

/**
 * The policy text as a store holds it, and the version that identifies this content.
 */
public final class StoredPolicy {
    /** The version to expect when no policy is stored yet. */
    public static final long NO_VERSION = 0;

    private final String text;
    private final long version;

    public StoredPolicy(String text, long version) {
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
        if (o instanceof StoredPolicy) {
            StoredPolicy that = (StoredPolicy) o;
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
        return "StoredPolicy{version=" + version + ", " + text.length() + " characters}";
    }
}
