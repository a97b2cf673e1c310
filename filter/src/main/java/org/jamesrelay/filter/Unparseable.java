package org.jamesrelay.filter;

/** Why the MIME structure of a mail cannot be trusted: ends an inspection. */
final class Unparseable extends Exception {
    private static final long serialVersionUID = 1L;

    Unparseable(String reason) {
        super(reason, null, false, false);
    }
}
