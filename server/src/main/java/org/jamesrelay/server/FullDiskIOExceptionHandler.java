package org.jamesrelay.server;

import java.io.IOException;

import org.apache.activemq.util.DefaultIOExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the broker running through a full disk, where ActiveMQ's own handler would stop it for good.
 * <p>
 * {@link DefaultIOExceptionHandler} lets the store resume writing after an error whose message contains "space", and
 * stops the broker on any other. On a full disk KahaDB's journal writer stops at the first failed write; only the
 * writes of that batch get the kernel's {@code No space left on device}, and those that arrive before the store resumes
 * get {@code Async Writer Thread Shutdown}, which stopped the broker: mail was then refused until a restart. This
 * handler lets the store resume after both, and after any failure while the store's file system is low on space
 * ({@link FullStore}). The journal writer's stop is never the first failure: the write that stopped it reached this
 * handler with its own cause, which decides whether the broker stops. Writes are only ever resumed, never replayed:
 * a write that failed was answered with an error, so nothing is stored that a sender was told had failed. Other
 * failures (a disk that cannot be written with room to spare) still stop the broker, as they do in ActiveMQ.
 * Resuming is ActiveMQ's own mechanism ({@code allowIOResumption}, as for "space" errors); it inherits KahaDB 5.17's
 * race in which the stopped writer thread, still finishing, may let a second writer start beside the new one.
 */
final class FullDiskIOExceptionHandler extends DefaultIOExceptionHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(FullDiskIOExceptionHandler.class);
    private static final String JOURNAL_WRITER_STOPPED = "Async Writer Thread Shutdown";

    private final FullStore fullStore;

    FullDiskIOExceptionHandler(FullStore fullStore) {
        this.fullStore = fullStore;
        setIgnoreNoSpaceErrors(true);
        setStopStartConnectors(false);
    }

    @Override
    public void handle(IOException exception) {
        if (broker.isStarted() && !broker.isStopping() && (isJournalWriterStopped(exception) || fullStore.explains(exception))) {
            LOGGER.warn("Mail queue store cannot write ({}): refusing mail until it can", exception.getMessage());
            allowIOResumption();
            return;
        }
        super.handle(exception);
    }

    private static boolean isJournalWriterStopped(IOException exception) {
        return JOURNAL_WRITER_STOPPED.equals(exception.getMessage());
    }
}
