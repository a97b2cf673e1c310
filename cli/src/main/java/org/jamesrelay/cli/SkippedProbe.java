package org.jamesrelay.cli;

/**
 * A probe that needs an option the operator did not give.
 */
final class SkippedProbe implements Probe {
    private final String category;
    private final String description;
    private final String missing;

    SkippedProbe(String category, String description, String missing) {
        this.category = category;
        this.description = description;
        this.missing = missing;
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ProbeResult run(ProbeTarget target) {
        return new ProbeResult(this, ProbeResult.Outcome.SKIPPED, "needs " + missing);
    }
}
