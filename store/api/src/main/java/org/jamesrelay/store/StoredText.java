package org.jamesrelay.store;

import java.util.Objects;

/**
 * A text as a store holds it whole (the policy, the DKIM keys), and the version that identifies this content. Two
 * stored texts are equal when they are of the same kind, with the same text and version.
 */
public abstract class StoredText {
    /** The version to expect when nothing is stored yet. */
    public static final long NO_VERSION = 0;

    private final String text;
    private final long version;

    protected StoredText(String text, long version) {
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
    public final boolean equals(Object o) {
        if (o != null && o.getClass() == getClass()) {
            StoredText that = (StoredText) o;
            return version == that.version && text.equals(that.text);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), text, version);
    }
}
