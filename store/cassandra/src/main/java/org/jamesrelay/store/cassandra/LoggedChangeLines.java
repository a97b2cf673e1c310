package org.jamesrelay.store.cassandra;

import java.io.IOException;

import org.jamesrelay.core.TextLines;

/**
 * The lines of a text with a logged change applied as they stream by, where a change that does not fit is an
 * {@link IOException} of its own: a failure to read the stored text, told from what the reading itself throws.
 */
final class LoggedChangeLines implements TextLines {
    static final class DoesNotApplyException extends IOException {
        DoesNotApplyException(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final TextLines changed;

    LoggedChangeLines(TextLines changed) {
        this.changed = changed;
    }

    @Override
    public String next() throws IOException {
        try {
            return changed.next();
        } catch (IllegalArgumentException e) {
            throw new DoesNotApplyException(e);
        }
    }
}
