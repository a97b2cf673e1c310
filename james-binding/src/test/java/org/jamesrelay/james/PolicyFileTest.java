package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    @Test
    void missingFileShouldBeAStartupErrorNamingIt(@TempDir Path folder) {
        Path missing = folder.resolve("relay-policy.conf");

        assertThatThrownBy(() -> new PolicyFile(missing).load())
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageStartingWith("The relay policy file " + missing + " does not exist");
    }

    @Test
    void invalidEntryShouldBeAStartupErrorNamingFileLineAndEntry(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");
        Files.writeString(file, "trusted-network 127.0.0.1/32\nrelay-domian relay.test\n");

        assertThatThrownBy(() -> new PolicyFile(file).load())
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageStartingWith("Invalid relay policy: " + file + ":2: 'relay-domian relay.test': unknown entry 'relay-domian'");
    }

    @Test
    void validFileShouldLoad(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("relay-policy.conf");
        Files.writeString(file, "trusted-network 127.0.0.1/32\nrelay-domain relay.test\n");

        assertThat(new PolicyFile(file).load().relayDomains()).containsOnlyKeys("relay.test");
    }

    @Test
    void sampleConfigurationShouldLoad() {
        Path sample = Path.of("..", "conf", "relay-policy.conf");

        assertThat(new PolicyFile(sample).load().trustedNetworks()).hasSize(2);
    }
}
