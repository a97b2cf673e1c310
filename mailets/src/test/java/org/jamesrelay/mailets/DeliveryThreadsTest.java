package org.jamesrelay.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

class DeliveryThreadsTest {

    @Test
    void aDeliveryBeyondTheThreadsRunsOnTheFirstThreadFreedNotBehindABusyOne() throws Exception {
        Scheduler scheduler = DeliveryThreads.newScheduler(2, "test-delivery");
        CountDownLatch silentHopAnswers = new CountDownLatch(1);
        CountDownLatch workingHopAnswers = new CountDownLatch(1);
        CountDownLatch nextDelivery = new CountDownLatch(1);
        try {
            Mono.fromRunnable(() -> awaitQuietly(silentHopAnswers)).subscribeOn(scheduler).subscribe();
            Mono.fromRunnable(() -> awaitQuietly(workingHopAnswers)).subscribeOn(scheduler).subscribe();
            Mono.fromRunnable(nextDelivery::countDown).subscribeOn(scheduler).subscribe();

            workingHopAnswers.countDown();

            assertThat(nextDelivery.await(5, TimeUnit.SECONDS)).as("ran while the silent hop still holds its thread").isTrue();
        } finally {
            silentHopAnswers.countDown();
            scheduler.dispose();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
