package org.jamesrelay.core;

/**
 * An error in a policy file, naming the file, the line, the entry and what is wrong with it.
 */
public final class PolicyFileException extends Exception {
    private final String source;
    private final int line;
    private final String entry;
    private final String problem;

    public PolicyFileException(String source, int line, String entry, String problem) {
        super(source + ":" + line + ": '" + entry + "': " + problem);
        this.source = source;
        this.line = line;
        this.entry = entry;
        this.problem = problem;
    }

    /** The entry as written. */
    public String entry() {
        return entry;
    }

    /** What is wrong with the entry, without where it is. */
    public String problem() {
        return problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
