package org.jamesrelay.james;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;

/**
 * The mails a James queue's browse gives. James's JMS queues build each one anew, with a copy of its message: it must
 * be disposed of, or James logs "Leak detected!" when it is collected (and a copy above the memory threshold keeps its
 * temporary file until then). James's memory queue gives the mails it holds, still waiting for delivery: they must not
 * be disposed of.
 */
public final class BrowsedMails {
    private static final String MEMORY_QUEUE_CLASS = "org.apache.james.queue.memory.MemoryMailQueueFactory$MemoryCacheableMailQueue";

    private BrowsedMails() {
    }

    public static boolean areCopies(ManageableMailQueue queue) {
        return !MEMORY_QUEUE_CLASS.equals(queue.getClass().getName());
    }

    /** Disposes of the mail itself, not of its view: James 3.8.1's view is a mime4j Disposable, which LifecycleUtil skips. */
    public static void disposeIfCopy(ManageableMailQueue queue, Mail mail) {
        if (areCopies(queue)) {
            LifecycleUtil.dispose(mail);
        }
    }
}
