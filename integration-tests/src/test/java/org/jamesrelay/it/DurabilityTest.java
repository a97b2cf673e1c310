package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.jamesrelay.it.RecordingNextHop.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing answered with 250 is lost: the relay's JVM is killed (SIGKILL) or stopped (SIGTERM) at the moments where
 * mail is most at risk, started again by the run command on the same working directory, and every accepted mail
 * arrives, or its delivery status notification does, with the counts asserted. Each test has a relay of its own.
 */
class DurabilityTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final String FAST_RETRIES = "60 * 1 second";

    @TempDir
    Path temp;

    @Test
    void mailQueuedWhileTheNextHopIsDownSurvivesAKilledJvm() throws Exception {
        String name = fresh("durable-hop-down");
        int hopPort = FreePorts.next();
        List<String> subjects = subjects("hop down", 20);

        try (RelayServer server = relay(name, hopPort, Optional.empty(), FAST_RETRIES)) {
            subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject));
            await().atMost(ONE_MINUTE).until(() -> logLines(server, "Deferred") >= subjects.size());
            server.kill();
        }

        try (RelayServer restarted = relay(name, hopPort, Optional.empty(), FAST_RETRIES);
             RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults())) {
            await().atMost(ARRIVAL).until(() -> arrivals(hop, subjects).size() == subjects.size());
            awaitEmptyQueues(restarted);
            assertThat(arrivals(hop, subjects)).allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
        }
    }

    @Test
    void mailBeingDeliveredWhenTheJvmDiesIsDeliveredAgainAndOnlyThatMail() throws Exception {
        String name = fresh("durable-slow-hop");
        List<String> subjects = subjects("slow hop", 10);
        int awaitingAnswerAtKill;
        int hopPort;

        try (RecordingNextHop slowHop = RecordingNextHop.start(Options.defaults().answerDataAfter(Duration.ofMinutes(2)))) {
            hopPort = slowHop.port();
            try (RelayServer server = relay(name, hopPort, Optional.empty(), FAST_RETRIES)) {
                subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject));
                await().atMost(ONE_MINUTE).until(() -> slowHop.messages().size() == subjects.size());
                awaitingAnswerAtKill = slowHop.awaitingAnswer();
                server.kill();
            }
            assertThat(arrivals(slowHop, subjects)).hasSize(subjects.size());
        }

        try (RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults());
             RelayServer restarted = relay(name, hopPort, Optional.empty(), FAST_RETRIES)) {
            await().atMost(ARRIVAL).until(() -> arrivals(hop, subjects).size() == subjects.size());
            awaitEmptyQueues(restarted);
            // At least once: what the hop had received but not yet answered comes again, exactly once.
            assertThat(awaitingAnswerAtKill).isEqualTo(subjects.size());
            assertThat(arrivals(hop, subjects)).allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
        }
    }

    @Test
    void mailBeingDeliveredFromTheSpoolWhenTheJvmDiesIsDeliveredAgainAndOnlyThatMail() throws Exception {
        String name = fresh("durable-immediate");
        int hopPort = FreePorts.next();
        String before = Messages.uniqueSubject("before the hop slowed down");
        List<String> subjects = subjects("slowed hop", 5);

        try (RelayServer server = relay(name, hopPort, Optional.empty(), FAST_RETRIES)) {
            try (RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults())) {
                accepted(server, "app@local.test", "info@relay.test", before);
                await().atMost(ONE_MINUTE).until(() -> logLines(server, "Relayed ") == 1);
            }
            try (RecordingNextHop slowHop = RecordingNextHop.startOn(hopPort, Options.defaults().answerDataAfter(Duration.ofMinutes(2)))) {
                subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject));
                await().atMost(ONE_MINUTE).until(() -> slowHop.awaitingAnswer() == subjects.size());
                assertThat(MetricsText.of(server).value("james_relay_delivery_attempt_immediate_total")).as("attempts made from the spool").isEqualTo(subjects.size());
                server.kill();
            }
        }

        try (RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults());
             RelayServer restarted = relay(name, hopPort, Optional.empty(), FAST_RETRIES)) {
            await().atMost(ARRIVAL).until(() -> arrivals(hop, subjects).size() == subjects.size());
            awaitEmptyQueues(restarted);
            assertThat(arrivals(hop, subjects)).allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
            assertThat(arrivals(hop, List.of(before))).isEmpty();
        }
    }

    @Test
    void mailTheFilterQuarantinesSurvivesAKilledJvmAndIsReleasedAfterARestart() throws Exception {
        String name = fresh("durable-quarantine");
        List<String> subjects = subjects("quarantined", 10);
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults())) {
            Path policy = policy("attachment-filter relay.test quarantine names=*.exe");
            try (RelayServer server = relay(name, hop.port(), Optional.of(policy), FAST_RETRIES)) {
                subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject, withExecutable(subject)));
                server.kill();
            }

            try (RelayServer restarted = relay(name, hop.port(), Optional.of(policy), FAST_RETRIES)) {
                await().atMost(ARRIVAL).until(() -> repositorySize(restarted, "var/mail/quarantine") == subjects.size());
                awaitEmptyQueues(restarted);
                assertThat(hop.messages()).isEmpty();
                restarted.kill();
            }

            try (RelayServer again = relay(name, hop.port(), Optional.of(policy), FAST_RETRIES)) {
                assertThat(again.mailRepositorySize("var/mail/quarantine")).isEqualTo(subjects.size());
                assertThat(again.webAdmin("PATCH", "/mailRepositories/var%2Fmail%2Fquarantine/mails?action=reprocess&processor=deliver", ""))
                    .isEqualTo(201);
                await().atMost(ARRIVAL).until(() -> arrivals(hop, subjects).size() == subjects.size());
                awaitEmptyQueues(again);
                assertThat(arrivals(hop, subjects)).allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
                assertThat(again.mailRepositorySize("var/mail/quarantine")).isZero();
            }
        }
    }

    @Test
    void deliveryStatusNotificationsBeingMadeWhenTheJvmDiesAllArrive() throws Exception {
        String name = fresh("durable-dsn");
        List<String> subjects = subjects("refused", 10);
        try (RecordingNextHop refusingHop = RecordingNextHop.start(Options.defaults().rejectRecipients(550, "5.1.1 no such user here"));
             RecordingNextHop senderHop = RecordingNextHop.start(Options.defaults().answerDataAfter(Duration.ofSeconds(2)))) {
            Path policy = policy("route refuse.test " + refusingHop.hop(), "route sender.test " + senderHop.hop());
            try (RelayServer server = relay(name, FreePorts.next(), Optional.of(policy), FAST_RETRIES)) {
                subjects.forEach(subject -> accepted(server, "author@sender.test", "nobody@refuse.test", subject));
                await().atMost(ARRIVAL).until(() -> !dsns(senderHop, subjects).isEmpty());
                server.kill();
            }

            try (RelayServer restarted = relay(name, FreePorts.next(), Optional.of(policy), FAST_RETRIES)) {
                await().atMost(ARRIVAL).until(() -> dsns(senderHop, subjects).size() == subjects.size());
                awaitEmptyQueues(restarted);
                // A notification whose mail was not yet acknowledged at the kill may be made twice, never more.
                assertThat(dsns(senderHop, subjects)).allSatisfy((subject, copies) -> assertThat(copies).as(subject).isBetween(1L, 2L));
            }
        }
    }

    @Test
    void aCleanRestartKeepsEachMailsRetryCountAndNextAttempt() throws Exception {
        String name = fresh("durable-schedule");
        int hopPort = FreePorts.next();
        String subject = Messages.uniqueSubject("schedule");
        String schedule = "2 * 1 second, 3 * 1 hour";

        try (RelayServer server = relay(name, hopPort, Optional.empty(), schedule)) {
            accepted(server, "app@local.test", "info@relay.test", subject);
            await().atMost(ONE_MINUTE).until(() -> logLines(server, "retry 3 of 5 in PT1H") == 1);
            server.stop();
        }

        try (RelayServer restarted = relay(name, hopPort, Optional.empty(), schedule)) {
            assertThat(nextDeliveries(restarted)).singleElement()
                .satisfies(next -> assertThat(next).isAfter(Instant.now().plus(Duration.ofMinutes(50))));

            flushDelayedMail(restarted);
            await().atMost(ARRIVAL).until(() -> logLines(restarted, "retry 4 of 5 in PT1H") == 1);

            try (RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults())) {
                flushDelayedMail(restarted);
                await().atMost(ARRIVAL).until(() -> arrivals(hop, List.of(subject)).size() == 1);
                awaitEmptyQueues(restarted);
                assertThat(arrivals(hop, List.of(subject))).containsEntry(subject, 1L);
            }
        }
    }

    @Test
    void aCleanStopFinishesTheDeliveriesUnderWay() throws Exception {
        String name = fresh("durable-clean-stop");
        List<String> subjects = subjects("clean stop", 3);
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().answerDataAfter(Duration.ofSeconds(3)))) {
            try (RelayServer server = relay(name, hop.port(), Optional.empty(), FAST_RETRIES)) {
                subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject));
                await().atMost(ONE_MINUTE).until(() -> hop.awaitingAnswer() == subjects.size());
                server.stop();
                assertThat(hop.awaitingAnswer()).isZero();
            }

            try (RelayServer restarted = relay(name, hop.port(), Optional.empty(), FAST_RETRIES)) {
                awaitEmptyQueues(restarted);
                assertThat(arrivals(hop, subjects)).hasSize(subjects.size())
                    .allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
            }
        }
    }

    @Test
    void aCleanStopFinishesTheAttemptsMadeFromTheSpool() throws Exception {
        String name = fresh("durable-clean-stop-immediate");
        String first = Messages.uniqueSubject("first on its route");
        List<String> subjects = subjects("clean stop from the spool", 3);
        try (RecordingNextHop hop = RecordingNextHop.start(Options.defaults().answerDataAfter(Duration.ofSeconds(3)))) {
            try (RelayServer server = relay(name, hop.port(), Optional.empty(), FAST_RETRIES)) {
                accepted(server, "app@local.test", "info@relay.test", first);
                await().atMost(ONE_MINUTE).until(() -> logLines(server, "Relayed ") == 1);
                subjects.forEach(subject -> accepted(server, "app@local.test", "info@relay.test", subject));
                await().atMost(ONE_MINUTE).until(() -> hop.awaitingAnswer() == subjects.size());
                assertThat(MetricsText.of(server).value("james_relay_delivery_attempt_immediate_total")).isEqualTo(subjects.size());
                server.stop();
                assertThat(hop.awaitingAnswer()).isZero();
            }

            try (RelayServer restarted = relay(name, hop.port(), Optional.empty(), FAST_RETRIES)) {
                awaitEmptyQueues(restarted);
                assertThat(arrivals(hop, subjects)).hasSize(subjects.size())
                    .allSatisfy((subject, copies) -> assertThat(copies).as(subject).isEqualTo(1L));
            }
        }
    }

    private static String fresh(String name) throws IOException {
        RelayServer.forget(name);
        return name;
    }

    private static RelayServer relay(String name, int hopPort, Optional<Path> policy, String retrySchedule) throws Exception {
        return RelayServer.start(name, "127.0.0.1:" + hopPort, policy, List.of("--retry-schedule", retrySchedule), Map.of());
    }

    private Path policy(String... lines) throws IOException {
        Path policy = temp.resolve("relay-policy-" + System.nanoTime() + ".conf");
        String sample = Files.readString(RelayServer.home().resolve("conf/relay-policy.conf"));
        Files.writeString(policy, sample + "\n" + String.join("\n", lines) + "\n");
        return policy;
    }

    private static List<String> subjects(String purpose, int count) {
        return IntStream.range(0, count).mapToObj(i -> Messages.uniqueSubject(purpose + " " + i)).collect(Collectors.toList());
    }

    private static void accepted(RelayServer server, String sender, String recipient, String subject) {
        accepted(server, sender, recipient, subject, Messages.message(sender, recipient, subject));
    }

    private static void accepted(RelayServer server, String sender, String recipient, String subject, String message) {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            assertThat(client.mailFrom("<" + sender + ">").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + recipient + ">").code()).isEqualTo(250);
            assertThat(client.data(message).asString()).as(subject).startsWith("250 2.6.0");
        } catch (IOException e) {
            throw new AssertionError("sending " + subject, e);
        }
    }

    private static String withExecutable(String subject) {
        return "From: <app@local.test>\r\nTo: <info@relay.test>\r\nSubject: " + subject + "\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nThe tool.\r\n"
            + "--b\r\nContent-Type: application/octet-stream; name=\"tool.exe\"\r\nContent-Disposition: attachment; filename=\"tool.exe\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAA\r\n--b--\r\n";
    }

    /** Copies received per subject, for the subjects given. */
    private static Map<String, Long> arrivals(RecordingNextHop hop, List<String> subjects) {
        return count(hop.messages(), subjects, message -> subjectOf(message.data()));
    }

    /** Delivery status notifications received per subject of the refused mail they return. */
    private static Map<String, Long> dsns(RecordingNextHop hop, List<String> subjects) {
        return count(hop.messages().stream().filter(message -> message.sender().isEmpty()).collect(Collectors.toList()),
            subjects, message -> subjects.stream().filter(subject -> message.data().contains(subject)).findFirst().orElse(""));
    }

    private static Map<String, Long> count(List<Received> messages, List<String> subjects, Function<Received, String> subjectOf) {
        return messages.stream()
            .map(subjectOf)
            .filter(subjects::contains)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String subjectOf(String data) {
        Matcher subject = Pattern.compile("(?m)^Subject: (.*?)\r?$").matcher(data);
        return subject.find() ? subject.group(1) : "";
    }

    private static long logLines(RelayServer server, String text) {
        try {
            return Files.readAllLines(server.workdir().resolve("james.log")).stream().filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int repositorySize(RelayServer server, String repository) {
        try {
            return server.mailRepositorySize(repository);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitEmptyQueues(RelayServer server) throws InterruptedException {
        await().atMost(ARRIVAL).until(server::queuesEmpty);
    }

    private static List<Instant> nextDeliveries(RelayServer server) throws IOException, InterruptedException {
        Matcher next = Pattern.compile("\"nextDelivery\"\\s*:\\s*\"([^\"]+)\"").matcher(server.mailQueueMails("relay-outgoing"));
        List<Instant> instants = new ArrayList<>();
        while (next.find()) {
            instants.add(Instant.parse(next.group(1)));
        }
        return instants;
    }

    private static void flushDelayedMail(RelayServer server) throws IOException, InterruptedException {
        assertThat(server.webAdmin("PATCH", "/mailQueues/relay-outgoing/mails?delayed=true", "{\"delayed\": false}")).isEqualTo(204);
    }
}
