package org.jamesrelay.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CassandraStoreConfigurationTest {
    @Test
    void defaultsShouldSuitALocalSingleNode() {
        CassandraStoreConfiguration configuration = CassandraStoreConfiguration.builder().build();

        assertThat(configuration.contactPoints()).containsExactly("127.0.0.1:9042");
        assertThat(configuration.localDatacenter()).isEqualTo("datacenter1");
        assertThat(configuration.keyspace()).isEqualTo("james_relay");
        assertThat(configuration.replicationFactor()).isEqualTo(1);
        assertThat(configuration.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void contactPointsShouldAcceptHostsWithAndWithoutPort() {
        CassandraStoreConfiguration configuration = CassandraStoreConfiguration.builder()
            .contactPoints("cassandra-1.example:9043", " cassandra-2.example ", "192.0.2.7:19042", "[2001:db8::1]:9044", "[::1]")
            .build();

        assertThat(configuration.contactPoints()).containsExactly(
            "cassandra-1.example:9043", "cassandra-2.example:9042", "192.0.2.7:19042", "[2001:db8::1]:9044", "[::1]:9042");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":9042", "host:", "host:port", "host:70000", "2001:db8::1", "[2001:db8::1", "user@host:9042", "host:9042/path"})
    void invalidContactPointsShouldBeRejected(String contactPoint) {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().contactPoints(contactPoint))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid contact point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1relay", "James_Relay", "relay-policy", "relay.policy", "a_keyspace_name_longer_than_the_48_characters_cassandra_allows"})
    void invalidKeyspaceNamesShouldBeRejected(String keyspace) {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().keyspace(keyspace))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid keyspace name");
    }

    @Test
    void replicationFactorAndTimeoutShouldBePositive() {
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().replicationFactor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CassandraStoreConfiguration.builder().contactPoints()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configurationsShouldBeValues() {
        assertThat(CassandraStoreConfiguration.builder().keyspace("relay").build())
            .isEqualTo(CassandraStoreConfiguration.builder().keyspace("relay").build())
            .hasSameHashCodeAs(CassandraStoreConfiguration.builder().keyspace("relay").build())
            .isNotEqualTo(CassandraStoreConfiguration.builder().build());
    }
}
