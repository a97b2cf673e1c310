package org.jamesrelay.james.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.jamesrelay.james.BrowsedMails;

/**
 * The age of the oldest mail of each watched mail queue (James has the depth: {@code mailQueueSize:NAME}), read from
 * the queue when the metrics or the health checks are read. The age counts from the mail's arrival or its last
 * delivery attempt. Finding the oldest mail browses the queue: at most {@link #BROWSED} mails are looked at, so on a
 * deeper queue the figure is the oldest of the first ones.
 *
 * <p>James's JMS queues build each browsed mail anew, with a copy of its message that the browser must dispose (left
 * to the garbage collector, James logs "Leak detected!" for it); James's memory queue shows the mails it holds, which
 * must not be disposed.
 */
public final class QueueGauges {
    static final int BROWSED = 10_000;
    /** Reported when the queue cannot be read or is not a queue James can browse. */
    public static final long UNKNOWN = -1;

    private final GaugeRegistry gauges;
    private final MailQueueFactory<?> queues;
    private final Set<MailQueueName> watched = ConcurrentHashMap.newKeySet();

    QueueGauges(GaugeRegistry gauges, MailQueueFactory<?> queues) {
        this.gauges = gauges;
        this.queues = queues;
    }

    void watch(MailQueueName queue) {
        if (watched.add(queue)) {
            gauges.register(RelayMetrics.PREFIX + "queue_" + RelayMetrics.sanitized(queue.asString()) + "_oldest_age_seconds",
                () -> oldestAgeSeconds(queue));
        }
    }

    public Set<MailQueueName> watched() {
        return Set.copyOf(watched);
    }

    /** 0 for an empty queue, {@link #UNKNOWN} when it cannot be browsed. */
    public long oldestAgeSeconds(MailQueueName queue) {
        return manageable(queue).map(QueueGauges::oldestAgeSeconds).orElse(UNKNOWN);
    }

    private Optional<ManageableMailQueue> manageable(MailQueueName queue) {
        return queues.getQueue(queue)
            .filter(ManageableMailQueue.class::isInstance)
            .map(ManageableMailQueue.class::cast);
    }

    private static long oldestAgeSeconds(ManageableMailQueue queue) {
        ManageableMailQueue.MailQueueIterator mails;
        try {
            mails = queue.browse();
        } catch (MailQueueException e) {
            return UNKNOWN;
        }
        try {
            Instant now = Instant.now();
            Instant oldest = now;
            for (int browsed = 0; browsed < BROWSED && mails.hasNext(); browsed++) {
                Mail mail = mails.next().getMail();
                Date arrived = mail.getLastUpdated();
                BrowsedMails.disposeIfCopy(queue, mail);
                if (arrived != null && arrived.toInstant().isBefore(oldest)) {
                    oldest = arrived.toInstant();
                }
            }
            return Duration.between(oldest, now).toSeconds();
        } finally {
            mails.close();
        }
    }
}
