package org.jamesrelay.server;

import java.io.File;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tells whether a failure of the broker's store comes from a full file system. The kernel's own words
 * ({@code No space left on device}) are not always what reaches the broker: KahaDB's journal writer stops at the first
 * failed write, and the writes that race it fail with {@code Async Writer Thread Shutdown} instead. So a failure also
 * counts as a full disk while the store's file system has less room than one journal write batch.
 */
final class FullStore {
    private static final String NO_SPACE = "no space left";
    private static final int MAX_CAUSES = 20;

    private final File directory;
    private final long minimumFreeBytes;

    FullStore(File directory, long minimumFreeBytes) {
        this.directory = directory;
        this.minimumFreeBytes = minimumFreeBytes;
    }

    boolean explains(Throwable failure) {
        return mentionsNoSpace(failure) || isLowOnSpace();
    }

    boolean isLowOnSpace() {
        // 0 when the directory cannot be read, which is no place to store mail either.
        return directory.getUsableSpace() < minimumFreeBytes;
    }

    private static boolean mentionsNoSpace(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
            .limit(MAX_CAUSES)
            .anyMatch(cause -> cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(NO_SPACE));
    }
}
