package org.jamesrelay.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How mail leaves on a route: the next hops in failover order (none: direct delivery by the MX records of the
 * recipient's domain), the TLS policy, the name of the upstream credentials and whether to spread the load over
 * the hops. Routes with equal transports deliver together.
 */
public final class Transport {
    public enum Balance {
        /** The first hop that answers takes the mail; the next only when it does not. */
        FAILOVER("failover"),
        /** A random order of the hops for each delivery. */
        ROUND_ROBIN("round-robin");

        private final String keyword;

        Balance(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public static final String DIRECT = "direct";
    public static final Transport DIRECT_BY_MX = new Transport(List.of(), TlsPolicy.MAY, Optional.empty(), Balance.FAILOVER);

    private final List<NextHop> hops;
    private final TlsPolicy tls;
    private final Optional<String> credentials;
    private final Balance balance;

    public Transport(List<NextHop> hops, TlsPolicy tls, Optional<String> credentials, Balance balance) {
        this.hops = List.copyOf(hops);
        this.tls = Objects.requireNonNull(tls);
        this.credentials = Objects.requireNonNull(credentials);
        this.balance = Objects.requireNonNull(balance);
        if (this.hops.isEmpty() && credentials.isPresent()) {
            throw new IllegalArgumentException("credentials need next hops: direct delivery never logs in");
        }
    }

    /** Empty for direct delivery by MX. */
    public List<NextHop> hops() {
        return hops;
    }

    public boolean isDirect() {
        return hops.isEmpty();
    }

    public TlsPolicy tls() {
        return tls;
    }

    /** The name of the upstream login this route uses, never the secret. */
    public Optional<String> credentials() {
        return credentials;
    }

    public Balance balance() {
        return balance;
    }

    /** The hops as written in the policy: {@code direct} or {@code [host]:port,...}. */
    public String hopsAsString() {
        return isDirect() ? DIRECT : hops.stream().map(NextHop::asString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Transport) {
            Transport that = (Transport) o;
            return hops.equals(that.hops) && tls == that.tls && credentials.equals(that.credentials) && balance == that.balance;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hops, tls, credentials, balance);
    }

    @Override
    public String toString() {
        return hopsAsString() + " tls=" + tls.keyword() + credentials.map(name -> " credentials=" + name).orElse("")
            + (balance == Balance.FAILOVER ? "" : " balance=" + balance.keyword());
    }
}
