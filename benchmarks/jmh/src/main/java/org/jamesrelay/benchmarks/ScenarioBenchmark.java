package org.jamesrelay.benchmarks;

import java.util.concurrent.TimeUnit;

import org.jamesrelay.core.RelayDecider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The decision rate of each path of the mix on its own, against the full-size snapshot: where the time goes.
 * 1,024 pre-built requests per scenario, single thread.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ScenarioBenchmark {
    @Param({"MAIL_FROM_OUTSIDER", "MAIL_FROM_TRUSTED_LOCAL_SENDER", "MAIL_FROM_LOGIN",
        "OUTSIDER_RELAY_DENIED", "OUTSIDER_AUTH_REQUIRED", "TRUSTED_RELAY_IPV4", "TRUSTED_RELAY_IPV6",
        "TRUSTED_LIMITED_SENDER_OK", "TRUSTED_LIMITED_SENDER_DENIED", "RELAY_DOMAIN_KNOWN", "RELAY_DOMAIN_UNKNOWN",
        "RELAY_DOMAIN_ANY_RECIPIENT", "LOCAL_RECIPIENT", "BOUNCE_TO_LOCAL", "LOGIN_RELAY", "LOGIN_RELAY_GRANTED_SENDER",
        "LOGIN_SENDER_NOT_OWNED", "OUTSIDER_FORGES_LOCAL_SENDER", "SENDER_ROUTING"})
    public String scenario;

    RelayDecider decider;
    RequestMix.Request[] requests;
    int next;

    @Setup(Level.Trial)
    public void build() {
        PolicyCorpus corpus = PolicyCorpus.full();
        decider = corpus.buildDecider();
        requests = new RequestMix(corpus, PolicyCorpus.SEED + 2).of(RequestMix.Scenario.valueOf(scenario), 1024);
        RequestMix.verify(decider, requests);
        System.gc(); // compacts the snapshot and the requests before measuring: see DecisionBenchmark
    }

    @Benchmark
    public void decisions(Blackhole blackhole) {
        blackhole.consume(requests[next++ & 1023].decide(decider));
    }
}
