package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jamesrelay.cli.QueueCli;
import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james-relay queue} and {@code james-relay james-cli} against a real relay. Each test routes its own domain to
 * a next hop that is down until the test starts it, so its mail waits in the relay queue (the next attempt an hour
 * later), and sends from its own sender, by which it selects its mail. Mail that must not be delivered is checked
 * after a mail sent with it, waiting for the same hop, has arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueToolsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String NO_MAIL = "-- no mail in the relay queue";
    private static final String NO_HELD_MAIL = "-- no mail on hold";

    @TempDir
    static Path temp;

    private NextHop defaultHop;
    private final List<AutoCloseable> startedHops = new ArrayList<>();
    private int listPort;
    private int holdPort;
    private int flushPort;
    private int flushAllPort;
    private int deletePort;
    private RelayServer server;

    @BeforeAll
    void start() throws Exception {
        defaultHop = NextHop.start();
        listPort = FreePorts.next();
        holdPort = FreePorts.next();
        flushPort = FreePorts.next();
        flushAllPort = FreePorts.next();
        deletePort = FreePorts.next();
        Path policy = temp.resolve("relay-policy.conf");
        Files.writeString(policy, String.join("\n",
            "trusted-network 127.0.0.1/32",
            "route list.test [127.0.0.1]:" + listPort,
            "route hold.test [127.0.0.1]:" + holdPort,
            "route flush.test [127.0.0.1]:" + flushPort,
            "route flush-all.test [127.0.0.1]:" + flushAllPort,
            "route delete.test [127.0.0.1]:" + deletePort,
            ""));
        RelayServer.forget("queue-tools");
        server = RelayServer.start("queue-tools", defaultHop, Optional.of(policy), List.of("--retry-schedule", "5 * 1 hour"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        defaultHop.close();
        for (AutoCloseable hop : startedHops) {
            hop.close();
        }
    }

    @Test
    void listShowsEachWaitingMailWithItsRouteSinceWhenItsAttemptsAndItsLastError() throws Exception {
        String subject = Messages.uniqueSubject("list");
        send("list@apps.test", "x@list.test", subject);
        String name = awaitWaiting("list@apps.test");

        String listed = ok(queue("list", "--sender", "list@apps.test")).out;
        String hop = "[127.0.0.1]:" + listPort;
        assertThat(listed)
            .contains(name + "  from list@apps.test  queued ")
            .containsPattern("attempts [1-9]")
            .contains("  next ")
            .contains("  to x@list.test  via " + hop + " (route:list.test)")
            .contains("  last error: via " + hop + ": ")
            .contains("-- 1 mail in the relay queue");
        assertThat(ok(queue("show", name)).out)
            .contains("  to x@list.test  via " + hop + " (route:list.test)")
            .contains("headers:")
            .contains("  Subject: " + subject);
        assertThat(ok(queue("list", "--json", "--name", name)).out)
            .contains("\"name\":\"" + name + "\"")
            .contains("\"rule\":\"route:list.test\"")
            .contains("\"lastError\":\"via " + hop + ": ");

        for (String route : List.of("list.test", "route:list.test", hop)) {
            assertThat(ok(queue("list", "--route", route)).out).as("--route %s", route).contains(name);
        }
        assertThat(ok(queue("list", "--domain", "LIST.test")).out).contains(name);
        assertThat(ok(queue("list", "--route", "hold.test", "--sender", "list@apps.test")).out).isEqualTo(NO_MAIL + "\n");
        assertThat(ok(queue("list", "--older-than", "1h", "--sender", "list@apps.test")).out).isEqualTo(NO_MAIL + "\n");
        assertThat(ok(queue("list", "--older-than", "0s", "--sender", "list@apps.test")).out).contains(name);
        assertThat(queue("show", "Mail-that-does-not-exist").err).contains("no mail Mail-that-does-not-exist in the relay queue (HTTP 404)");
    }

    @Test
    void heldMailIsNeverDeliveredUntilReleasedThenOnce() throws Exception {
        String heldSubject = Messages.uniqueSubject("held");
        String otherSubject = Messages.uniqueSubject("not held");
        send("hold@apps.test", "y@hold.test", heldSubject);
        send("hold-not@apps.test", "y@hold.test", otherSubject);
        String name = awaitWaiting("hold@apps.test");
        awaitWaiting("hold-not@apps.test");

        assertThat(ok(queue("hold", "--sender", "hold@apps.test")).out).isEqualTo("held 1 mail: " + name + "\n");
        assertThat(ok(queue("list", "--sender", "hold@apps.test")).out).isEqualTo(NO_MAIL + "\n");
        assertThat(ok(queue("list", "--held")).out)
            .contains(name + "  from hold@apps.test")
            .contains("  to y@hold.test  via [127.0.0.1]:" + holdPort + " (route:hold.test)")
            .contains("  last error: ");
        assertThat(ok(queue("show", "--held", name)).out).contains("  Subject: " + heldSubject);
        assertThat(server.mailRepositoryHeaderValues("var/mail/hold", "Subject")).contains(heldSubject);

        RecordingNextHop hop = startHop(holdPort);
        ok(queue("flush", "--domain", "hold.test"));
        await().atMost(ARRIVAL).until(() -> arrivals(hop, otherSubject) == 1);
        assertThat(arrivals(hop, heldSubject)).isZero();
        assertThat(ok(queue("list", "--held", "--sender", "hold@apps.test")).out).contains(name);

        assertThat(ok(queue("release", name)).out).isEqualTo("released 1 mail: " + name + "\n");
        await().atMost(ARRIVAL).until(() -> arrivals(hop, heldSubject) == 1);
        await().atMost(ONE_MINUTE).until(() -> ok(queue("list", "--sender", "hold@apps.test")).out.equals(NO_MAIL + "\n"));
        assertThat(ok(queue("list", "--held", "--sender", "hold@apps.test")).out).isEqualTo(NO_HELD_MAIL + "\n");
        assertThat(arrivals(hop, heldSubject)).isEqualTo(1);
    }

    @Test
    void heldMailStaysHeldAcrossARestartAndIsDeliveredOnceReleased() throws Exception {
        String name = "queue-tools-restart";
        RelayServer.forget(name);
        int hopPort = FreePorts.next();
        Path policy = temp.resolve("restart-policy.conf");
        Files.writeString(policy, "trusted-network 127.0.0.1/32\nroute restart.test [127.0.0.1]:" + hopPort + "\n");
        String heldSubject = Messages.uniqueSubject("held across a restart");
        String otherSubject = Messages.uniqueSubject("queued across a restart");
        List<String> options = List.of("--retry-schedule", "5 * 1 hour");
        String held;
        try (RelayServer first = RelayServer.start(name, defaultHop, Optional.of(policy), options)) {
            send(first, "restart-held@apps.test", "v@restart.test", heldSubject);
            send(first, "restart-other@apps.test", "v@restart.test", otherSubject);
            held = awaitWaiting(first, "restart-held@apps.test");
            awaitWaiting(first, "restart-other@apps.test");
            ok(queue(first, "hold", held));
            first.stop();
        }

        try (RelayServer restarted = RelayServer.start(name, defaultHop, Optional.of(policy), options)) {
            assertThat(ok(queue(restarted, "list", "--held")).out).contains(held + "  from restart-held@apps.test");
            RecordingNextHop hop = startHop(hopPort);
            ok(queue(restarted, "flush"));
            await().atMost(ARRIVAL).until(() -> arrivals(hop, otherSubject) == 1);
            assertThat(arrivals(hop, heldSubject)).isZero();

            ok(queue(restarted, "release", held));
            await().atMost(ARRIVAL).until(() -> arrivals(hop, heldSubject) == 1);
            await().atMost(ARRIVAL).until(restarted::queuesEmpty);
            assertThat(ok(queue(restarted, "list", "--held")).out).isEqualTo(NO_HELD_MAIL + "\n");
            assertThat(arrivals(hop, heldSubject)).isEqualTo(1);
        }
    }

    @Test
    void flushMakesTheSelectedWaitingMailOrAllOfItDueNow() throws Exception {
        String subject = Messages.uniqueSubject("flush one");
        send("flush@apps.test", "z@flush.test", subject);
        String name = awaitWaiting("flush@apps.test");
        RecordingNextHop hop = startHop(flushPort);
        assertThat(ok(queue("flush", "--sender", "flush@apps.test")).out).isEqualTo("flushed 1 mail: " + name + "\n");
        await().atMost(ARRIVAL).until(() -> arrivals(hop, subject) == 1);

        String everySubject = Messages.uniqueSubject("flush all");
        send("flush-all@apps.test", "z@flush-all.test", everySubject);
        awaitWaiting("flush-all@apps.test");
        RecordingNextHop allHop = startHop(flushAllPort);
        assertThat(ok(queue("flush")).out).startsWith("flushed ");
        await().atMost(ARRIVAL).until(() -> arrivals(allHop, everySubject) == 1);
    }

    @Test
    void deleteRemovesWaitingAndHeldMailWhichIsThenNeverDelivered() throws Exception {
        String deletedSubject = Messages.uniqueSubject("deleted");
        String deletedHeldSubject = Messages.uniqueSubject("deleted held");
        String keptSubject = Messages.uniqueSubject("kept");
        send("delete@apps.test", "w@delete.test", deletedSubject);
        send("delete-held@apps.test", "w@delete.test", deletedHeldSubject);
        send("delete-not@apps.test", "w@delete.test", keptSubject);
        String deleted = awaitWaiting("delete@apps.test");
        String deletedHeld = awaitWaiting("delete-held@apps.test");
        awaitWaiting("delete-not@apps.test");

        ok(queue("hold", deletedHeld));
        assertThat(ok(queue("delete", "--sender", "delete@apps.test")).out).isEqualTo("deleted 1 mail: " + deleted + "\n");
        assertThat(ok(queue("delete", "--held", deletedHeld)).out).isEqualTo("deleted 1 mail: " + deletedHeld + "\n");
        assertThat(ok(queue("list", "--sender", "delete@apps.test")).out).isEqualTo(NO_MAIL + "\n");
        assertThat(ok(queue("list", "--held", "--sender", "delete-held@apps.test")).out).isEqualTo(NO_HELD_MAIL + "\n");

        RecordingNextHop hop = startHop(deletePort);
        ok(queue("flush", "--domain", "delete.test"));
        await().atMost(ARRIVAL).until(() -> arrivals(hop, keptSubject) == 1);
        assertThat(arrivals(hop, deletedSubject)).isZero();
        assertThat(arrivals(hop, deletedHeldSubject)).isZero();
    }

    @Test
    void actionsOnEveryMailAreRefusedWithoutASelectionOrAll() throws Exception {
        for (String command : List.of("hold", "release", "delete")) {
            Run run = queue(command);
            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.err).contains(command + ": select mail");
        }
        assertThat(server.webAdmin("POST", "/relay/queue/hold", "")).isEqualTo(400);
        assertThat(server.webAdmin("DELETE", "/relay/queue", "")).isEqualTo(400);
        assertThat(server.webAdmin("POST", "/relay/held/release", "")).isEqualTo(400);
        assertThat(server.webAdmin("GET", "/relay/queue?olderThan=soon", "")).isEqualTo(400);
    }

    @Test
    void theQueueCommandRunsFromTheScript() throws Exception {
        Run run = script("queue", "--url", "http://127.0.0.1:" + server.webAdminPort(), "list", "--route", "nowhere.test");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo(NO_MAIL + "\n");
        assertThat(script("queue", "--help").out).contains("postqueue -p", "postcat -q", "postsuper -h", "postsuper -H",
            "postqueue -f", "postsuper -d");
    }

    @Test
    void jamesCliRunsJamesAdminCommandsWithTheRelaysJmxPortAndPassword() throws Exception {
        Run run = script("james-cli", "--workdir", server.workdir().toString(), "--jmx-port", Integer.toString(server.jmxPort()),
            "ListDomains");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("local.test");

        Run elsewhere = script("james-cli", "--workdir", temp.resolve("no-relay-here").toString(), "ListDomains");
        assertThat(elsewhere.exitCode).as(elsewhere.toString()).isEqualTo(1);
        assertThat(elsewhere.err).contains("jmxremote.password");
    }

    /** One run of a command line. */
    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code james-relay queue ARGS} in this JVM, through its entry point. */
    private Run queue(String... args) {
        return queue(server, args);
    }

    private static Run queue(RelayServer relay, String... args) {
        List<String> command = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + relay.webAdminPort()));
        command.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = QueueCli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(Run run) {
        assertThat(run.exitCode).as(run.toString()).isZero();
        return run;
    }

    /** {@code bin/james-relay ARGS} in its own process, as an operator runs it. */
    private static Run script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RelayServer.home().resolve("bin/james-relay").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "script", ".out");
        Path err = Files.createTempFile(temp, "script", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("james-relay " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The name of the one mail from {@code sender} in the relay queue, once its first attempt has failed. */
    private String awaitWaiting(String sender) {
        return awaitWaiting(server, sender);
    }

    private static String awaitWaiting(RelayServer relay, String sender) {
        Pattern waiting = Pattern.compile("(?m)^(\\S+)  from " + Pattern.quote(sender) + "  .*attempts [1-9]");
        return await().atMost(ARRIVAL)
            .until(() -> Optional.of(waiting.matcher(queue(relay, "list", "--sender", sender).out)).filter(Matcher::find).map(mail -> mail.group(1)),
                Optional::isPresent)
            .orElseThrow();
    }

    private RecordingNextHop startHop(int port) {
        RecordingNextHop hop = RecordingNextHop.startOn(port, Options.defaults());
        startedHops.add(hop);
        return hop;
    }

    private static long arrivals(RecordingNextHop hop, String subject) {
        return hop.messages().stream().filter(message -> message.data().contains("Subject: " + subject + "\r\n")).count();
    }

    private void send(String sender, String recipient, String subject) {
        send(server, sender, recipient, subject);
    }

    private static void send(RelayServer relay, String sender, String recipient, String subject) {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", relay.smtpPort())) {
            client.ehlo("app.apps.test");
            assertThat(client.mailFrom("<" + sender + ">").code()).isEqualTo(250);
            assertThat(client.rcptTo("<" + recipient + ">").code()).isEqualTo(250);
            assertThat(client.data(Messages.message(sender, recipient, subject)).asString()).as(subject).startsWith("250 2.6.0");
        } catch (IOException e) {
            throw new AssertionError("sending " + subject, e);
        }
    }
}
