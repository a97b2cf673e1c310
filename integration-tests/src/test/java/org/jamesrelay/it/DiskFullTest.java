package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jamesrelay.cli.ServerReply;
import org.jamesrelay.cli.SmtpClient;
import org.jamesrelay.it.RecordingNextHop.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk: the relay's {@code var/} is a small tmpfs of its own, filled up while the relay runs. Mail is then
 * refused with {@code 452 4.3.1} at the end of DATA, never answered 250 without a copy on disk, and the relay accepts
 * and delivers again, by itself, once space returns. Mail already queued for a next hop that is down is retried every
 * second meanwhile, so the queue's own writes race the SMTP sends on the full disk (KahaDB's journal writer stops at
 * the first failed write, and the writes racing it fail another way). A mail may arrive twice: a dequeue whose commit
 * fails on the full disk after its mail was processed gives its message back, and it is processed again (at least
 * once, never lost). Needs root (mount); skipped otherwise.
 */
class DiskFullTest {
    private static final String NAME = "disk-full";
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    private static final int MAX_TRIES = 50;
    private static final int RETRYING_MAILS = 8;
    private static final int REFUSALS = 5;

    private Path var;

    @AfterEach
    void unmount() throws Exception {
        if (var != null) {
            run("umount", var.toString());
        }
    }

    @Test
    void aFullDiskGivesATemporaryFailureAtDataAndNoMailIsLost() throws Exception {
        RelayServer.forget(NAME);
        var = Files.createDirectories(RelayServer.workdirOf(NAME).resolve("var"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", var.toString()) == 0, "mounting a tmpfs needs root");
        int hopPort = FreePorts.next();
        List<String> accepted = new ArrayList<>();

        try (RelayServer server = RelayServer.start(NAME, "127.0.0.1:" + hopPort, Optional.empty(),
            List.of("--retry-schedule", "60 * 1 second"), Map.of())) {
            for (int i = 0; i < RETRYING_MAILS; i++) {
                String before = Messages.uniqueSubject("before the disk is full " + i);
                assertThat(send(server, before).code()).isEqualTo(250);
                accepted.add(before);
            }

            Path filler = fill(var);
            List<String> refusals = new ArrayList<>();
            for (int i = 0; i < MAX_TRIES && refusals.size() < REFUSALS; i++) {
                String subject = Messages.uniqueSubject("disk full " + i);
                ServerReply reply = send(server, subject);
                if (reply.code() == 250) {
                    accepted.add(subject);
                } else {
                    refusals.add(reply.asString());
                }
            }
            Files.delete(filler);

            assertThat(refusals).as("refusals while the disk is full").hasSize(REFUSALS)
                .allSatisfy(refusal -> assertThat(refusal).startsWith("452 4.3.1 Insufficient system storage"));
            String after = Messages.uniqueSubject("after space returned");
            assertThat(send(server, after).code()).isEqualTo(250);
            accepted.add(after);

            try (RecordingNextHop hop = RecordingNextHop.startOn(hopPort, Options.defaults())) {
                await().atMost(ARRIVAL).until(() -> accepted.stream().allMatch(subject -> copies(hop, subject) >= 1));
                await().atMost(ARRIVAL).until(server::queuesEmpty);
                assertThat(server.mailRepositorySize("var/mail/error")).isZero();
            }
        }
    }

    /** Writes a file until the file system has no room left. */
    private static Path fill(Path directory) throws IOException {
        Path filler = directory.resolve("filler");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left");
        }
        return filler;
    }

    private static ServerReply send(RelayServer server, String subject) throws IOException {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", server.smtpPort())) {
            client.ehlo("app.local.test");
            assertThat(client.mailFrom("<app@local.test>").code()).isEqualTo(250);
            assertThat(client.rcptTo("<info@relay.test>").code()).isEqualTo(250);
            return client.data(Messages.message("app@local.test", "info@relay.test", subject));
        }
    }

    private static long copies(RecordingNextHop hop, String subject) {
        return hop.messages().stream().filter(message -> message.data().contains("Subject: " + subject)).count();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
