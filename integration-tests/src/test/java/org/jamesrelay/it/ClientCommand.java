package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** An SMTP client of the system's packages (swaks, Postfix's smtp-source), run to its end. */
final class ClientCommand {
    private static final long TIMEOUT_SECONDS = 60;

    private ClientCommand() {
    }

    /** Runs {@code command} and fails the test, with what it printed, unless it ends within 60 s with status 0. */
    static void runToSuccess(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
