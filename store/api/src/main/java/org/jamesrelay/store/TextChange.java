package org.jamesrelay.store;

import java.util.Objects;

import org.jamesrelay.core.TextDiff;

/**
 * One change of a stored text as its change log keeps it: the version it produced, and the lines it removed and added
 * in the text of the version before.
 */
public final class TextChange {
    private final long version;
    private final TextDiff diff;

    public TextChange(long version, TextDiff diff) {
        this.version = version;
        this.diff = Objects.requireNonNull(diff);
    }

    public long version() {
        return version;
    }

    public TextDiff diff() {
        return diff;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof TextChange) {
            TextChange that = (TextChange) o;
            return version == that.version && diff.equals(that.diff);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, diff);
    }

    @Override
    public String toString() {
        return "v" + version + " " + diff;
    }
}
