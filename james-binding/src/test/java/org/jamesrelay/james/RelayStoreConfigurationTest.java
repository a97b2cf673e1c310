package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayStoreConfigurationTest {
    @TempDir
    Path folder;

    private RelayStoreConfiguration load(String content) throws Exception {
        Path file = folder.resolve("relay-store.properties");
        Files.writeString(file, content);
        return RelayStoreConfiguration.load(file);
    }

    @Test
    void missingFileShouldMeanThePolicyFileCheckedEverySecond() {
        RelayStoreConfiguration configuration = RelayStoreConfiguration.load(folder.resolve("absent.properties"));

        assertThat(configuration.kind()).isEqualTo(RelayStoreConfiguration.Kind.FILE);
        assertThat(configuration.refreshInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void cassandraStoreShouldBeRead() throws Exception {
        RelayStoreConfiguration configuration = load("store=cassandra\nrefresh.interval=500ms\ncassandra.contact.points=10.0.0.1:9042, 10.0.0.2\n");

        assertThat(configuration.kind()).isEqualTo(RelayStoreConfiguration.Kind.CASSANDRA);
        assertThat(configuration.refreshInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(configuration.values("cassandra.contact.points")).containsExactly("10.0.0.1:9042", "10.0.0.2");
    }

    @Test
    void unknownStoreShouldNameFileAndKey() {
        assertThatThrownBy(() -> load("store=redis\n"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessage("Invalid relay store configuration: " + folder.resolve("relay-store.properties") + ": store: 'redis' is not one of file, cassandra");
    }

    @Test
    void unknownKeyShouldBeRefused() {
        assertThatThrownBy(() -> load("refresh.intreval=2s\n"))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageContaining(": refresh.intreval: unknown key; keys are ");
    }

    @Test
    void badDurationShouldBeRefused() {
        assertThatThrownBy(() -> load("refresh.interval=soon\n"))
            .hasMessageEndingWith("refresh.interval: 'soon' is not a duration such as 500ms, 2s or 1m");
        assertThatThrownBy(() -> load("refresh.interval=0s\n"))
            .hasMessageEndingWith("refresh.interval: must be more than zero");
    }

    @Test
    void badCassandraValueShouldNameItsKey() throws Exception {
        RelayStoreConfiguration configuration = load("store=cassandra\ncassandra.replication.factor=three\n");

        assertThatThrownBy(() -> PolicySource.cassandra(configuration, folder.resolve("relay-policy.conf"), Optional.empty()))
            .isInstanceOf(InvalidPolicyException.class)
            .hasMessageContaining(": cassandra.replication.factor: ");
    }
}
