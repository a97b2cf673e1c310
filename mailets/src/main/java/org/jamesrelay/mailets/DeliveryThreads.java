package org.jamesrelay.mailets;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads that run deliveries: a fixed pool whose waiting tasks share one queue, so that a delivery waits only
 * until any thread is free. Reactor's bounded elastic scheduler, once all its threads are marked busy (as briefly
 * happens while a finished delivery's thread is handed back), queues a new task behind one busy thread of its choosing:
 * a mail for a working hop then waited behind a delivery to a hop that never answers, for the whole read timeout.
 */
final class DeliveryThreads {
    private DeliveryThreads() {
    }

    static Scheduler newScheduler(int threads, String name) {
        AtomicInteger created = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, name + "-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Schedulers.fromExecutorService(Executors.newFixedThreadPool(threads, factory), name);
    }
}
