package org.jamesrelay.james.dkim;

/** A key change that was refused; nothing was written. The message never holds key material. */
public final class DkimEditException extends RuntimeException {
    public enum Reason {
        /** A value that is not valid: a selector, an algorithm, a PEM that holds no usable key. */
        INVALID,
        /** No such domain or selector. */
        NOT_FOUND,
        /** The selector exists already. */
        CONFLICT
    }

    private final Reason reason;

    DkimEditException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
