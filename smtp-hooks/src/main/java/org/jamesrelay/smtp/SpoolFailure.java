package org.jamesrelay.smtp;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells a full disk apart from other queue failures. Queues report it in their own types (ActiveMQ's
 * {@code ResourceAllocationException}, an {@code IOException} from the file system), which the drop-in jar does not
 * link against: it must work on any James 3.8 queue, so the cause chain is read by name and message.
 */
final class SpoolFailure {
    private static final String RESOURCE_ALLOCATION = "ResourceAllocationException";
    private static final String NO_SPACE = "no space left";
    private static final String STORE_FULL = "store is full";

    private SpoolFailure() {
    }

    static boolean isStorageFull(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause.getClass().getSimpleName().equals(RESOURCE_ALLOCATION)
            || message(cause).contains(NO_SPACE)
            || message(cause).contains(STORE_FULL));
    }

    static String describe(Throwable failure) {
        return causes(failure).reduce((first, last) -> last)
            .map(root -> root.getClass().getSimpleName() + ": " + root.getMessage())
            .orElse("unknown");
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause).limit(20);
    }

    private static String message(Throwable cause) {
        return Optional.ofNullable(cause.getMessage()).orElse("").toLowerCase(Locale.ROOT);
    }
}
