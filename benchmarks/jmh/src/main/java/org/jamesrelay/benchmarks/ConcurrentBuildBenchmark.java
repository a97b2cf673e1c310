package org.jamesrelay.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jamesrelay.core.RelayDecider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Do decisions slow down while a new snapshot is being built? As in the James binding, decisions read the snapshot
 * of the moment from an {@link AtomicReference} (one {@code get()} per decision) and a reload replaces it whole.
 * <ul>
 * <li>{@code *WhileBuilding}: one thread decides (the realistic mix) while another builds full-size snapshots back to
 * back and publishes each one: the worst case, a reload that never ends.</li>
 * <li>{@code *Alone}: the same decision thread with nobody building.</li>
 * </ul>
 * each as decisions/s ({@code throughput*}) and as the latency of one decision ({@code latency*}).
 * The machine the results in docs/performance.md come from has two cores: one for the decisions, one for the builder,
 * and the JIT compiler and the garbage collector share them.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConcurrentBuildBenchmark {
    @State(Scope.Group)
    public static class Live {
        PolicyCorpus corpus;
        AtomicReference<RelayDecider> current;
        RequestMix.Request[] requests;

        @Setup(Level.Trial)
        public void build() {
            corpus = PolicyCorpus.full();
            current = new AtomicReference<>(corpus.buildDecider());
            requests = new RequestMix(corpus, PolicyCorpus.SEED + 1).mix(DecisionBenchmark.REQUESTS);
            RequestMix.verify(current.get(), requests);
        }
    }

    // decisions/s with and without a builder

    @Benchmark
    @Group("throughputWhileBuilding")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void decide(Live live, DecisionBenchmark.Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(live.requests).decide(live.current.get()));
    }

    @Benchmark
    @Group("throughputWhileBuilding")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void build(Live live) {
        live.current.set(live.corpus.buildDecider());
    }

    @Benchmark
    @Group("throughputAlone")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void decideAlone(Live live, DecisionBenchmark.Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(live.requests).decide(live.current.get()));
    }

    // latency of one decision with and without a builder

    @Benchmark
    @Group("latencyWhileBuilding")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void decideLatency(Live live, DecisionBenchmark.Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(live.requests).decide(live.current.get()));
    }

    @Benchmark
    @Group("latencyWhileBuilding")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void buildLatency(Live live) {
        live.current.set(live.corpus.buildDecider());
    }

    @Benchmark
    @Group("latencyAlone")
    @GroupThreads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void decideLatencyAlone(Live live, DecisionBenchmark.Cursor cursor, Blackhole blackhole) {
        blackhole.consume(cursor.next(live.requests).decide(live.current.get()));
    }
}
