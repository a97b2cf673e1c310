package org.jamesrelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as an operator stops the relay: James stops James Relay's components (the policy refresher, the store,
 * the delivery threads) through RelayModule, and the JVM exits without being killed.
 */
class ShutdownTest {
    private static final Duration PROMPT_EXIT = Duration.ofSeconds(30);

    @Test
    void sigtermShouldStopEveryRelayComponentBeforeJamesExits() throws Exception {
        try (NextHop nextHop = NextHop.start();
             RelayServer server = RelayServer.start("shutdown", nextHop, Optional.empty())) {
            Instant sigterm = Instant.now();
            server.stop();
            Duration stopping = Duration.between(sigterm, Instant.now());

            await().atMost(Duration.ofSeconds(10)).until(() -> logOf(server).contains("JAMES server stopped"));
            String log = server.log();
            assertThat(log)
                .contains("James Relay policy service closed: refresher stopped, store ")
                .contains("James Relay DKIM key service closed: refresher stopped, store ")
                .contains("James Relay delivery from relay-outgoing stopped")
                .contains("james-relay: stopped")
                .doesNotContain("did not stop within");
            assertThat(log.indexOf("James Relay policy service closed")).isLessThan(log.indexOf("JAMES server stopped"));
            assertThat(stopping).isLessThan(PROMPT_EXIT);
        }
    }

    private static String logOf(RelayServer server) {
        try {
            return server.log();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
