package org.jamesrelay.filter;

import java.util.Objects;

/** One member of an archive, as its directory or header describes it. */
final class Member {
    private final Names names;
    private final long declaredSize;
    private final boolean encrypted;

    Member(Names names, long declaredSize, boolean encrypted) {
        this.names = Objects.requireNonNull(names);
        this.declaredSize = declaredSize;
        this.encrypted = encrypted;
    }

    Names names() {
        return names;
    }

    /** The uncompressed size the archive declares: a claim, not a measure; 0 when unknown. */
    long declaredSize() {
        return Math.max(declaredSize, 0);
    }

    boolean encrypted() {
        return encrypted;
    }
}
