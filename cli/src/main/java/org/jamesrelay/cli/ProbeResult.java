package org.jamesrelay.cli;

/**
 * What a relay did with one probe.
 */
public final class ProbeResult {
    public enum Outcome {
        /** The relay refused what it must refuse. */
        REFUSED,
        /** The relay accepted what it must refuse: a finding. */
        ACCEPTED,
        /** The probe could not run with the options given. */
        SKIPPED
    }

    private final Probe probe;
    private final Outcome outcome;
    private final String detail;

    public ProbeResult(Probe probe, Outcome outcome, String detail) {
        this.probe = probe;
        this.outcome = outcome;
        this.detail = detail;
    }

    public Probe probe() {
        return probe;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The decisive reply, or why the probe was skipped. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return String.format("%-8s %-9s %s%n         -> %s", outcome, probe.category(), probe.description(), detail);
    }
}
