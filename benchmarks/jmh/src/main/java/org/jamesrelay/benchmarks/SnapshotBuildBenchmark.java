package org.jamesrelay.benchmarks;

import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.PolicyFileException;
import org.jamesrelay.core.PolicyFileParser;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to build one full-size snapshot (policy + directory + decider), one build per measurement, in a JVM that
 * has already built a few (a reload in a running server; the cold first build at startup is measured by
 * {@link SnapshotFootprint}).
 * <ul>
 * <li>{@code fromEntries}: from validated values (networks as {@link org.jamesrelay.core.Cidr}, recipients as sets of
 * keys): the RelayPolicy builder, the network table, the relay recipient sets, the directory, the decider.</li>
 * <li>{@code fromPolicyFile}: from the text of the policy file, about 202,000 lines: {@link PolicyFileParser} and then
 * the same.</li>
 * </ul>
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SnapshotBuildBenchmark {
    PolicyCorpus corpus;
    String policyText;

    @Setup(Level.Trial)
    public void generate() {
        corpus = PolicyCorpus.full();
        policyText = corpus.policyText();
    }

    @Benchmark
    public RelayDecider fromEntries() {
        return corpus.buildDecider();
    }

    @Benchmark
    public RelayDecider fromPolicyFile() throws PolicyFileException {
        return new PolicyDecider(PolicyFileParser.parse("relay-policy.conf", policyText), corpus.buildDirectory());
    }

    @Benchmark
    public LocalDirectory directoryOnly() {
        return corpus.buildDirectory();
    }
}
