package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PolicyFileWriterTest {
    private static final int GENERATED = 300;
    /** Every option of every entry, as the writer writes it. */
    private static final List<String> OPTIONS = List.of(" senders=", " served-senders-only", " wide", " owns=", " tls=none", " tls=may",
        " tls=encrypt", " tls=verify", " credentials=", " balance=round-robin", " names=", " types=", " sniffed=", " encrypted-archives",
        " larger-than=", " unparseable", " remove=", " clamd=", " timeout=", " on-virus=", " on-failure=accept", " on-failure=tempfail",
        " scope=", " counts=sessions", " counts=connections", " counts=messages", " counts=recipients", " counts=bytes", " max=");

    private static RelayPolicy parse(String text) throws PolicyFileException {
        return PolicyFileParser.parse("printed", text);
    }

    @Test
    void generatedPoliciesShouldReadBackAsThemselvesAndPrintAlike() throws Exception {
        RandomPolicies policies = new RandomPolicies(20261206L);
        for (int i = 0; i < GENERATED; i++) {
            RelayPolicy policy = policies.next();
            String text = PolicyFileWriter.print(policy);

            RelayPolicy read = parse(text);

            assertThat(read).as("policy %d read back from:%n%s", i, text).isEqualTo(policy);
            assertThat(PolicyFileWriter.print(read)).isEqualTo(text);
        }
    }

    /** Without this, a writer that drops an option the generator never draws would pass the round trip. */
    @Test
    void generatedPoliciesShouldWriteEveryEntryAndOption() {
        RandomPolicies policies = new RandomPolicies(20261206L);
        String texts = LongStream.range(0, GENERATED).mapToObj(i -> PolicyFileWriter.print(policies.next())).collect(Collectors.joining());
        List<String> lineStarts = Stream.concat(PolicyFileParser.KEYWORDS.stream(), LimitEntries.KEYWORDS.stream())
            .map(keyword -> "\n" + keyword + " ")
            .collect(Collectors.toList());

        assertThat(texts).contains(lineStarts).contains(OPTIONS).contains("relay-mode open-relay", "authenticated-relay off");
    }

    @Test
    void samplePolicyShouldReadBackAsItself() throws Exception {
        RelayPolicy sample = parse(Files.readString(Path.of("..", "conf", "relay-policy.conf")));
        String text = PolicyFileWriter.print(sample);

        assertThat(parse(text)).isEqualTo(sample);
        assertThat(PolicyFileWriter.print(parse(text))).isEqualTo(text);
        assertThat(text).contains("route * [127.0.0.1]:2526 tls=may\n", "rate-limit client-sessions scope=client counts=sessions max=50\n");
    }

    @Test
    void defaultPolicyShouldPrintOnlyItsRelayMode() {
        assertThat(PolicyFileWriter.print(RelayPolicy.empty())).isEqualTo("relay-mode policy\n");
    }

    @Test
    void entriesShouldBeWrittenInCanonicalForm() throws Exception {
        RelayPolicy policy = parse(String.join("\n",
            "sender-login Bob@Local.Test owns=@Apps.Local.Test,Printer@local.test served-senders-only",
            "route .Corp.Test 192.0.2.1,[MX.corp.test]:2525 balance=round-robin credentials=upstream",
            "attachment-filter * Strip names=*.EXE,*.exe sniffed=script,executable larger-than=10485760 unparseable",
            "antivirus clamd=127.0.0.1:3310",
            "rate-limit Hourly scope=login counts=messages max=200/1h",
            "rate-limit burst scope=client counts=connections max=10/500ms",
            "client-auth-failure-limit 5/120s",
            "greet-pause 1500ms"));

        assertThat(PolicyFileWriter.print(policy)).isEqualTo(String.join("\n",
            "relay-mode policy",
            "sender-login bob@local.test owns=@apps.local.test,printer@local.test served-senders-only",
            "route .corp.test [192.0.2.1]:25,[mx.corp.test]:2525 tls=may credentials=upstream balance=round-robin",
            "attachment-filter * strip names=*.exe sniffed=executable,script larger-than=10M unparseable",
            "antivirus clamd=[127.0.0.1]:3310 timeout=30s on-virus=reject on-failure=tempfail",
            "rate-limit hourly scope=login counts=messages max=200/1h",
            "rate-limit burst scope=client counts=connections max=10/500ms",
            "client-auth-failure-limit 5/2m",
            "greet-pause 1500ms",
            ""));
    }

    @Test
    void unitsShouldBeWrittenInTheLargestExactUnit() {
        assertThat(PolicyUnits.formatSize(3L << 30)).isEqualTo("3G");
        assertThat(PolicyUnits.formatSize(1536)).isEqualTo("1536");
        assertThat(PolicyUnits.formatSize(0)).isEqualTo("0");
        assertThat(PolicyUnits.formatDuration(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(PolicyUnits.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(PolicyUnits.formatDuration(Duration.ZERO)).isEqualTo("0ms");
        assertThat(PolicyUnits.duration(PolicyUnits.formatDuration(Duration.ofDays(999_999_999)))).isEqualTo(Duration.ofDays(999_999_999));
    }
}
