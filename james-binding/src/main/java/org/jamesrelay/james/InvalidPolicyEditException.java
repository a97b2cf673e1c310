package org.jamesrelay.james;

import org.jamesrelay.core.PolicyFileException;

/**
 * A change that would make the policy invalid; nothing was written.
 */
public final class InvalidPolicyEditException extends Exception {
    private final String entry;
    private final String problem;

    InvalidPolicyEditException(PolicyFileException cause) {
        super("'" + cause.entry() + "': " + cause.problem(), cause);
        this.entry = cause.entry();
        this.problem = cause.problem();
    }

    /** The offending entry, as it would have been written. */
    public String entry() {
        return entry;
    }

    public String problem() {
        return problem;
    }
}
