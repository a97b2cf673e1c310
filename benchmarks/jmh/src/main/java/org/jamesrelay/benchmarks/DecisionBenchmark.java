package org.jamesrelay.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.RelayDecider;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decisions against one full-size snapshot (100,000 networks, 100,000 relay recipients), single thread: the rate
 * of one core, and the latency of one decision. Each call makes one decision of the realistic mix of
 * {@link RequestMix.Scenario} (20% MAIL FROM, 80% RCPT TO), cycling through 8,192 pre-built requests.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {
    static final int REQUESTS = 8192;

    @State(Scope.Benchmark)
    public static class Snapshot {
        RelayDecider decider;
        RequestMix.Request[] requests;

        @Setup(Level.Trial)
        public void build() {
            PolicyCorpus corpus = PolicyCorpus.full();
            decider = corpus.buildDecider();
            requests = new RequestMix(corpus, PolicyCorpus.SEED + 1).mix(REQUESTS);
            RequestMix.verify(decider, requests);
            // a full collection now compacts the snapshot and the requests, scattered among the garbage of their
            // generation; otherwise the first young collection, seconds into the measurement now that a decision
            // allocates little, moves them in the middle of it
            System.gc();
        }
    }

    /**
     * Where this thread is in the request list. At the end of each iteration it prints how much of the iteration the
     * thread was on a CPU and its decisions per second of CPU: an iteration that is slow because other processes
     * took the CPU (this machine is shared) shows a low share and the usual rate per CPU second; one that is slow
     * because of the code (GC, deoptimization) shows a full share and a low rate.
     */
    @State(Scope.Thread)
    public static class Cursor {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        int next;
        private int startNext;
        private long startCpu;
        private long startWall;

        RequestMix.Request next(RequestMix.Request[] requests) {
            return requests[next++ & (requests.length - 1)];
        }

        @Setup(Level.Iteration)
        public void startIteration() {
            startNext = next;
            startCpu = THREADS.getCurrentThreadCpuTime();
            startWall = System.nanoTime();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
            long wall = System.nanoTime() - startWall;
            System.out.printf("(thread on CPU %d%% of the iteration, %,.0f decisions per CPU second) ",
                100 * cpu / wall, (next - startNext) * 1e9 / cpu);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void decisions(Snapshot snapshot, Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(snapshot.requests).decide(snapshot.decider));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void latency(Snapshot snapshot, Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(snapshot.requests).decide(snapshot.decider));
    }
}
