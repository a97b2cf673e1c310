package org.jamesrelay.webadmin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.BrowsedMails;

/**
 * The queue tools over the relay queue and the hold repository: list and find waiting mail, hold it, release it, flush
 * it, delete it. A mail is always stored in its new place before it is removed from its old one, so that a crash
 * between the two leaves it in both places, never in none.
 */
final class RelayQueue {
    /** Mails selected, and what the queue tools make of them. */
    static final class Found {
        final Mail mail;
        final QueuedMail view;
        private final boolean copy;

        Found(Mail mail, QueuedMail view, boolean copy) {
            this.mail = mail;
            this.view = view;
            this.copy = copy;
        }

        /** Disposes of the mail when it is a copy, not a mail the memory queue still holds. */
        void dispose() {
            if (copy) {
                LifecycleUtil.dispose(mail);
            }
        }
    }

    /** The names of the mails acted on, and of those that a delivery attempt had taken at that moment. */
    static final class Outcome {
        final List<String> done = new ArrayList<>();
        final List<String> busy = new ArrayList<>();
    }

    private final ManageableMailQueue queue;
    private final MailRepository hold;
    private final Supplier<RouteTable> routes;
    private final Clock clock;

    RelayQueue(ManageableMailQueue queue, MailRepository hold, Supplier<RouteTable> routes, Clock clock) {
        this.queue = queue;
        this.hold = hold;
        this.routes = routes;
        this.clock = clock;
    }

    /** The selected mails of the relay queue; dispose of them with {@link #dispose}. */
    List<Found> queued(MailSelection selection) throws MessagingException {
        RouteTable table = routes.get();
        List<Found> found = new ArrayList<>();
        ManageableMailQueue.MailQueueIterator items = queue.browse();
        try {
            while (items.hasNext()) {
                ManageableMailQueue.MailQueueItemView item = items.next();
                keepIfSelected(found, new Found(item.getMail(), QueuedMail.of(item.getMail(), item.getNextDelivery(), table),
                    BrowsedMails.areCopies(queue)), selection);
            }
        } finally {
            items.close();
        }
        return found;
    }

    /** The selected mails on hold; dispose of them with {@link #dispose}. */
    List<Found> held(MailSelection selection) throws MessagingException {
        RouteTable table = routes.get();
        List<Found> found = new ArrayList<>();
        Iterator<MailKey> keys = hold.list();
        while (keys.hasNext()) {
            Mail mail = hold.retrieve(keys.next());
            if (mail != null) {
                keepIfSelected(found, new Found(mail, QueuedMail.of(mail, Optional.empty(), table), true), selection);
            }
        }
        return found;
    }

    private void keepIfSelected(List<Found> found, Found mail, MailSelection selection) {
        if (selection.matches(mail.view, clock.instant())) {
            found.add(mail);
        } else {
            mail.dispose();
        }
    }

    /** Moves the selected mails from the relay queue to the hold repository. */
    Outcome hold(MailSelection selection) throws MessagingException {
        List<Found> selected = queued(selection);
        try {
            Outcome outcome = new Outcome();
            for (Found found : selected) {
                MailKey key = hold.store(found.mail);
                record(outcome, found.view.name, removeFromQueue(found.view.name, key));
            }
            return outcome;
        } finally {
            dispose(selected);
        }
    }

    /** Puts the selected held mails back into the relay queue, due now. */
    Outcome release(MailSelection selection) throws MessagingException {
        List<Found> selected = held(selection);
        try {
            Outcome outcome = new Outcome();
            for (Found found : selected) {
                queue.enQueue(found.mail);
                hold.remove(MailKey.forMail(found.mail));
                outcome.done.add(found.view.name);
            }
            return outcome;
        } finally {
            dispose(selected);
        }
    }

    /**
     * Makes the selected mails due now: each goes through the hold repository (stored, removed from the queue, queued
     * again without delay, removed from hold), as James's queue can only flush all its mail at once.
     */
    Outcome flush(MailSelection selection) throws MessagingException {
        List<Found> selected = queued(selection);
        try {
            Outcome outcome = new Outcome();
            for (Found found : selected) {
                MailKey key = hold.store(found.mail);
                boolean removed = removeFromQueue(found.view.name, key);
                if (removed) {
                    requeue(key);
                }
                record(outcome, found.view.name, removed);
            }
            return outcome;
        } finally {
            dispose(selected);
        }
    }

    private void requeue(MailKey key) throws MessagingException {
        Mail copy = hold.retrieve(key);
        try {
            queue.enQueue(copy);
            hold.remove(key);
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    /** Makes every mail of the relay queue due now; returns how many. */
    long flushAll() throws MessagingException {
        return queue.flush();
    }

    /** Deletes the selected mails of the relay queue. */
    Outcome deleteQueued(MailSelection selection) throws MessagingException {
        List<Found> selected = queued(selection);
        try {
            Outcome outcome = new Outcome();
            for (Found found : selected) {
                record(outcome, found.view.name, queue.remove(ManageableMailQueue.Type.Name, found.view.name) > 0);
            }
            return outcome;
        } finally {
            dispose(selected);
        }
    }

    /** Deletes the selected held mails. */
    Outcome deleteHeld(MailSelection selection) throws MessagingException {
        List<Found> selected = held(selection);
        try {
            Outcome outcome = new Outcome();
            for (Found found : selected) {
                hold.remove(MailKey.forMail(found.mail));
                outcome.done.add(found.view.name);
            }
            return outcome;
        } finally {
            dispose(selected);
        }
    }

    /**
     * Removes from the queue a mail already stored under {@code key}. When a delivery attempt has taken it meanwhile,
     * nothing is removed: the stored copy is removed instead, so that the mail is never both delivered and kept.
     */
    private boolean removeFromQueue(String name, MailKey key) throws MessagingException {
        boolean removed;
        try {
            removed = queue.remove(ManageableMailQueue.Type.Name, name) > 0;
        } catch (MessagingException | RuntimeException e) {
            hold.remove(key);
            throw e;
        }
        if (!removed) {
            hold.remove(key);
        }
        return removed;
    }

    private static void record(Outcome outcome, String name, boolean done) {
        (done ? outcome.done : outcome.busy).add(name);
    }

    static void dispose(List<Found> found) {
        found.forEach(Found::dispose);
    }
}
