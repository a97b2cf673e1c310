package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WindowedCountersTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final WindowedCounters counters = new WindowedCounters(clock);

    @Test
    void countsShouldGrowWithinAWindowAndStartAgainInTheNext() {
        assertThat(counters.increment("a", MINUTE)).isEqualTo(1);
        assertThat(counters.increment("a", MINUTE)).isEqualTo(2);
        assertThat(counters.count("b", MINUTE)).isZero();

        clock.advance(MINUTE);

        assertThat(counters.count("a", MINUTE)).isZero();
        assertThat(counters.increment("a", MINUTE)).isEqualTo(1);
    }

    @Test
    void resetShouldForgetOneKeyOnly() {
        counters.increment("a", MINUTE);
        counters.increment("b", MINUTE);

        counters.reset("a");

        assertThat(counters.count("a", MINUTE)).isZero();
        assertThat(counters.count("b", MINUTE)).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsShouldAllCount() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            threads.submit(() -> {
                for (int j = 0; j < 10_000; j++) {
                    counters.increment("shared", MINUTE);
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(counters.count("shared", MINUTE)).isEqualTo(40_000);
    }

    @Test
    void passedWindowsShouldBeSweptWhenTheMapIsLarge() {
        for (int i = 0; i < WindowedCounters.SWEEP_SIZE; i++) {
            counters.increment("old-" + i, MINUTE);
        }
        clock.advance(MINUTE);

        counters.increment("new", MINUTE);
        counters.increment("new", MINUTE);

        assertThat(counters.count("new", MINUTE)).isEqualTo(2);
        assertThat(counters.count("old-0", MINUTE)).isZero();
    }
}
