package org.jamesrelay.cli;

/** A command line that cannot be run: its message says what is wrong, and the command exits with status 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
