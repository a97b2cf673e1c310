package org.jamesrelay.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.RateLimit;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.core.SharedWindows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One rate-limit check as the MAIL and RCPT hooks make it: {@link RateLimiter#tryAcquire} for a key among 10,000
 * (logins), within the limit (counted) or over it (refused), within the limit on a node of a cluster, and two
 * threads on one key (a shared counter under contention). Run with {@code -prof gc} to see the allocation per check.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmark {
    static final int KEYS = 10_000;

    @State(Scope.Benchmark)
    public static class Limiter {
        final RateLimiter limiter = new RateLimiter(Clock.systemUTC());
        final RateLimiter clustered = new RateLimiter(Clock.systemUTC(), Optional.of(new SharedWindows(Clock.systemUTC())));
        final RateLimit generous = new RateLimit("generous", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 1L << 40,
            Optional.of(Duration.ofDays(1)));
        final RateLimit exhausted = new RateLimit("exhausted", RateLimit.Scope.LOGIN, RateLimit.Counted.MESSAGES, 1,
            Optional.of(Duration.ofDays(1)));
        final String[] keys = new String[KEYS];

        @Setup(Level.Trial)
        public void build() {
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "user" + i + "@example.com";
                limiter.tryAcquire(generous, keys[i], 1);
                limiter.tryAcquire(exhausted, keys[i], 1);
                clustered.tryAcquire(generous, keys[i], 1);
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = next + 1 == KEYS ? 0 : next + 1;
            return next;
        }
    }

    @Benchmark
    public long withinTheLimit(Limiter state, Cursor cursor) {
        return state.limiter.tryAcquire(state.generous, state.keys[cursor.advance()], 1);
    }

    @Benchmark
    public long overTheLimit(Limiter state, Cursor cursor) {
        return state.limiter.tryAcquire(state.exhausted, state.keys[cursor.advance()], 1);
    }

    /** The same check on a node of a cluster, between two syncs (the sync itself runs off the SMTP threads). */
    @Benchmark
    public long withinTheLimitInACluster(Limiter state, Cursor cursor) {
        return state.clustered.tryAcquire(state.generous, state.keys[cursor.advance()], 1);
    }

    @Benchmark
    @Threads(2)
    public long oneKeyTwoThreads(Limiter state) {
        return state.limiter.tryAcquire(state.generous, state.keys[0], 1);
    }
}
