package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invalid policy stops the server at startup with the file, the line, the entry and what is wrong.
 */
class PolicyStartupTest {
    @Test
    void invalidPolicyShouldStopJamesNamingFileLineAndEntry(@TempDir Path folder) throws Exception {
        Path policy = folder.resolve("relay-policy.conf");
        Files.writeString(policy, "# a typo on line 3\n"
            + "trusted-network 127.0.0.1/32\n"
            + "trusted-network 10.0.0.1/8\n");

        try (NextHop nextHop = NextHop.start();
             RelayServer server = RelayServer.launch("invalid-policy", nextHop, Optional.of(policy))) {
            int exitCode = server.awaitExit(Duration.ofSeconds(150));

            assertThat(exitCode).isNotZero();
            assertThat(server.log())
                .contains("relay-policy.conf:3: 'trusted-network 10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8")
                .doesNotContain(RelayServer.READY_LINE);
        }
    }
}
