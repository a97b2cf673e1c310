package org.jamesrelay.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change: when, the change, and the version of the policy it produced.
 */
public final class AuditEntry {
    private final Instant at;
    private final long version;
    private final PolicyChange change;

    public AuditEntry(Instant at, long version, PolicyChange change) {
        this.at = Objects.requireNonNull(at);
        this.version = version;
        this.change = Objects.requireNonNull(change);
    }

    public Instant at() {
        return at;
    }

    public long version() {
        return version;
    }

    public PolicyChange change() {
        return change;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof AuditEntry) {
            AuditEntry that = (AuditEntry) o;
            return at.equals(that.at) && version == that.version && change.equals(that.change);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, version, change);
    }

    @Override
    public String toString() {
        return at + " v" + version + " " + change;
    }
}
