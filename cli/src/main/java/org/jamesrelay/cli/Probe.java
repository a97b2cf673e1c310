package org.jamesrelay.cli;

import java.io.IOException;

/**
 * One relay-abuse attempt, run on a fresh SMTP session.
 */
public interface Probe {
    /** relay, syntax, spoofing, smuggling, limits */
    String category();

    String description();

    ProbeResult run(ProbeTarget target) throws IOException;
}
