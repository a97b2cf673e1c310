package org.jamesrelay.store.cassandra;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the Cassandra store keeps the policy: the cluster to connect to, and the keyspace to use.
 */
public final class CassandraStoreConfiguration {
    public static final int DEFAULT_PORT = 9042;
    public static final List<String> DEFAULT_CONTACT_POINTS = List.of("127.0.0.1:" + DEFAULT_PORT);
    public static final String DEFAULT_LOCAL_DATACENTER = "datacenter1";
    public static final String DEFAULT_KEYSPACE = "james_relay";
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public static final class Builder {
        private List<String> contactPoints = DEFAULT_CONTACT_POINTS;
        private String localDatacenter = DEFAULT_LOCAL_DATACENTER;
        private String keyspace = DEFAULT_KEYSPACE;
        private int replicationFactor = DEFAULT_REPLICATION_FACTOR;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder() {
        }

        /** {@code host:port}, {@code host} (port 9042) or {@code [ipv6]:port}. */
        public Builder contactPoints(String... hostAndPorts) {
            return contactPoints(Arrays.asList(hostAndPorts));
        }

        public Builder contactPoints(List<String> hostAndPorts) {
            if (hostAndPorts.isEmpty()) {
                throw new IllegalArgumentException("at least one contact point is needed");
            }
            this.contactPoints = hostAndPorts.stream()
                .map(CassandraStoreConfiguration::parseContactPoint)
                .collect(Collectors.toUnmodifiableList());
            return this;
        }

        public Builder localDatacenter(String localDatacenter) {
            if (localDatacenter.isBlank()) {
                throw new IllegalArgumentException("the local datacenter must not be blank");
            }
            this.localDatacenter = localDatacenter;
            return this;
        }

        public Builder keyspace(String keyspace) {
            if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
                throw new IllegalArgumentException("invalid keyspace name '" + keyspace
                    + "': lower case letters, digits and '_', starting with a letter, at most 48 characters");
            }
            this.keyspace = keyspace;
            return this;
        }

        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("the replication factor must be at least 1, not " + replicationFactor);
            }
            this.replicationFactor = replicationFactor;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("the request timeout must be positive, not " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        public CassandraStoreConfiguration build() {
            return new CassandraStoreConfiguration(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port}, with the default port if there is none, and an IPv6 address in brackets. */
    static String parseContactPoint(String hostAndPort) {
        try {
            URI uri = new URI("cql://" + hostAndPort.strip());
            if (uri.getHost() != null && uri.getPort() <= 65535 && !uri.getRawAuthority().endsWith(":") && uri.getRawPath().isEmpty()
                && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri.getHost() + ":" + (uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid contact point '" + hostAndPort + "': expected host:port, host or [ipv6]:port");
    }

    private final List<String> contactPoints;
    private final String localDatacenter;
    private final String keyspace;
    private final int replicationFactor;
    private final Duration requestTimeout;

    private CassandraStoreConfiguration(Builder builder) {
        this.contactPoints = builder.contactPoints;
        this.localDatacenter = builder.localDatacenter;
        this.keyspace = builder.keyspace;
        this.replicationFactor = builder.replicationFactor;
        this.requestTimeout = builder.requestTimeout;
    }

    /** {@code host:port} each ({@code [address]:port} for IPv6), as the driver takes them; it resolves host names when it connects. */
    public List<String> contactPoints() {
        return contactPoints;
    }

    public String localDatacenter() {
        return localDatacenter;
    }

    public String keyspace() {
        return keyspace;
    }

    /** Used only when the store creates its keyspace. */
    public int replicationFactor() {
        return replicationFactor;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CassandraStoreConfiguration) {
            CassandraStoreConfiguration that = (CassandraStoreConfiguration) o;
            return replicationFactor == that.replicationFactor
                && contactPoints.equals(that.contactPoints)
                && localDatacenter.equals(that.localDatacenter)
                && keyspace.equals(that.keyspace)
                && requestTimeout.equals(that.requestTimeout);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(contactPoints, localDatacenter, keyspace, replicationFactor, requestTimeout);
    }

    @Override
    public String toString() {
        return "CassandraStoreConfiguration{contactPoints=" + contactPoints + ", localDatacenter=" + localDatacenter
            + ", keyspace=" + keyspace + ", replicationFactor=" + replicationFactor + ", requestTimeout=" + requestTimeout + "}";
    }
}
