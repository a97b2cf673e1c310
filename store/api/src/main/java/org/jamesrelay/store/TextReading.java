package org.jamesrelay.store;

import java.io.IOException;
import java.io.Reader;

/**
 * What reads a stored text as it streams by (a parse, a scan), so that the text of a large policy is never held whole.
 *
 * @param <R> what is read
 * @param <E> the exception that tells the text is not what the reading expects (a policy that does not parse)
 */
@FunctionalInterface
public interface TextReading<R, E extends Exception> {
    R read(Reader text) throws IOException, E;
}
