package org.jamesrelay.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.jdkim.impl.Message;
import org.jamesrelay.dkim.DkimAlgorithm;
import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.dkim.MessageSigner;
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

/**
 * What DKIM costs per relayed mail: the headers parsed, the body canonicalized and hashed, and one signature per
 * active key (RSA 2048, Ed25519, or both), for a mail of 1 KiB and of 100 KiB; and what generating a key costs.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {
    @State(Scope.Benchmark)
    public static class Signing {
        @Param({"rsa-sha256", "ed25519-sha256", "dual"})
        String keys;

        @Param({"1024", "102400"})
        int size;

        DkimDomain domain;
        byte[] message;
        final MessageSigner signer = new MessageSigner();

        @Setup(Level.Trial)
        public void build() throws Exception {
            DkimKey rsa = DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, true, Instant.EPOCH);
            DkimKey ed25519 = DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);
            List<DkimKey> active = keys.equals("dual") ? List.of(rsa, ed25519) : keys.equals("rsa-sha256") ? List.of(rsa) : List.of(ed25519);
            domain = new DkimDomain("example.com", false, FailureMode.HOLD, active);
            StringBuilder text = new StringBuilder("From: Alice <alice@example.com>\r\nTo: bob@elsewhere.example\r\nSubject: figures\r\n"
                + "Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            while (text.length() < size) {
                text.append("The quarterly figures are attached, as promised in the last meeting.\r\n");
            }
            message = text.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Benchmark
    public List<String> sign(Signing state) throws Exception {
        Message parsed = new Message(new ByteArrayInputStream(state.message));
        try {
            return state.signer.sign(state.domain, parsed, out -> {
                try (InputStream body = parsed.getBodyInputStream()) {
                    body.transferTo(out);
                }
            }, Instant.EPOCH);
        } finally {
            parsed.dispose();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public DkimKey generateRsa2048() throws Exception {
        return DkimKey.generate("example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, true, Instant.EPOCH);
    }

    @Benchmark
    public DkimKey generateEd25519() throws Exception {
        return DkimKey.generate("example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, true, Instant.EPOCH);
    }
}
