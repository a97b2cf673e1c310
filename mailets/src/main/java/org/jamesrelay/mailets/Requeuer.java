package org.jamesrelay.mailets;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a dequeued mail back into the relay queue with a delay, then acknowledges the original: the mail is never left
 * to the broker's redelivery. When the queue cannot store the copy (a full disk), the original is neither rolled back
 * (the rollback fails on a full disk too, and the broker then holds the mail until the next start) nor acknowledged:
 * storing is tried again every {@link #STORAGE_RETRY_PAUSE} until it works or the relay stops, and a stopping relay
 * hands the mail back to the queue.
 */
final class Requeuer {
    private static final Logger LOGGER = LoggerFactory.getLogger(Requeuer.class);
    static final Duration STORAGE_RETRY_PAUSE = Duration.ofSeconds(1);

    private final MailQueue queue;
    private final BooleanSupplier stopping;
    private final Duration pause;

    Requeuer(MailQueue queue, BooleanSupplier stopping, Duration pause) {
        this.queue = queue;
        this.stopping = stopping;
        this.pause = pause;
    }

    void requeue(MailQueue.MailQueueItem item, Mail mail, Duration delay) {
        boolean failedBefore = false;
        while (true) {
            try {
                queue.enQueue(mail, delay);
            } catch (MailQueue.MailQueueException storageFailure) {
                if (!failedBefore) {
                    LOGGER.error("Could not queue {} again; trying every {} until the queue can store it", mail.getName(), pause, storageFailure);
                    failedBefore = true;
                }
                if (stopping.getAsBoolean() || !paused()) {
                    handBack(item, mail);
                    return;
                }
                continue;
            }
            acknowledge(item, mail);
            return;
        }
    }

    private boolean paused() {
        try {
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void acknowledge(MailQueue.MailQueueItem item, Mail mail) {
        try {
            item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        } catch (MailQueue.MailQueueException e) {
            LOGGER.error("Could not acknowledge {} after queueing it again: the queue may offer it twice", mail.getName(), e);
        }
    }

    static void handBack(MailQueue.MailQueueItem item, Mail mail) {
        try {
            item.done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        } catch (MailQueue.MailQueueException e) {
            LOGGER.warn("Could not hand {} back to the queue; the queue offers it again at the next start", mail.getName(), e);
        }
    }
}
