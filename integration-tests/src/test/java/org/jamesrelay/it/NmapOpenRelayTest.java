package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * nmap's own smtp-open-relay script, run from the untrusted 127.0.0.2 as an auditor would. .ci/run installs nmap.
 */
@ExtendWith(SharedRelay.class)
class NmapOpenRelayTest {
    private final RelayServer server;

    NmapOpenRelayTest(RelayServer server) {
        this.server = server;
    }

    @Test
    void nmapShouldFindNoOpenRelay() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/nmap")), "nmap is not installed (apt-get install nmap)");
        Path output = Files.createTempFile("nmap", ".txt");
        Process nmap = new ProcessBuilder(List.of("nmap", "-Pn", "-n", "-S", "127.0.0.2", "-e", "lo",
            "-p", Integer.toString(server.smtpPort()), "--script", "+smtp-open-relay", "127.0.0.1"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        assertThat(nmap.waitFor(120, TimeUnit.SECONDS)).as("nmap finished in time").isTrue();
        String report = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(report)
            .contains("smtp-open-relay: Server doesn't seem to be an open relay, all tests failed")
            .doesNotContain("Server is an open relay");
    }
}
