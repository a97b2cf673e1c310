package org.jamesrelay.dkim;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the body of the mail to sign, as it will be sent (CRLF line ends), and nothing else. */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
