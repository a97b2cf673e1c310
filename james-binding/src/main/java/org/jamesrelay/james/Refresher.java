package org.jamesrelay.james;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread of its own that runs one task every interval, after the first interval, until {@link #close()}. */
public final class Refresher implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Refresher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String threadName;
    private final ScheduledExecutorService executor;

    private Refresher(String threadName, ScheduledExecutorService executor) {
        this.threadName = threadName;
        this.executor = executor;
    }

    public static Refresher every(Duration interval, String threadName, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new Refresher(threadName, executor);
    }

    /** Stops the thread, waiting for a run under way. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("{} did not stop within {}", threadName, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
