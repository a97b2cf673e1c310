package org.jamesrelay.mailets;

import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;

/**
 * Why the relay queue refused a mail. Either the mail itself cannot be read (James's memory queue copies it and
 * fails on MIME headers that do not parse: retrying cannot help), or the queue cannot store it now (a full disk, a
 * full broker store, an I/O error): then the mail must stay where it is and be offered again.
 */
final class EnqueueFailure {
    private EnqueueFailure() {
    }

    static boolean isUnreadableMail(MailQueue.MailQueueException failure) {
        return Stream.iterate(failure.getCause(), cause -> cause != null, Throwable::getCause)
            .anyMatch(cause -> cause instanceof MessagingException && !(cause instanceof MailQueue.MailQueueException));
    }
}
