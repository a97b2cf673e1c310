package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for what a server does in the background. */
final class Eventually {
    static final Duration DEFAULT = Duration.ofSeconds(60);

    private Eventually() {
    }

    static void holds(BooleanSupplier condition) throws InterruptedException {
        holds(condition, DEFAULT);
    }

    static void holds(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition met within " + timeout).isTrue();
    }
}
