package org.jamesrelay.core;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server knows about the SMTP client when it decides: where it connects from, what it said in HELO,
 * whether it logged in, whether the session is encrypted, and whether AUTH was offered to it.
 */
public final class ClientContext {
    private final InetAddress address;
    /** The address's bytes, taken once: the JDK copies them at every call. */
    private final byte[] addressBytes;
    private final Optional<String> helo;
    private final Optional<String> login;
    private final boolean tls;
    private final boolean authOffered;

    public static Builder from(InetAddress address) {
        return new Builder(address);
    }

    public static final class Builder {
        private final InetAddress address;
        private Optional<String> helo = Optional.empty();
        private Optional<String> login = Optional.empty();
        private boolean tls;
        private boolean authOffered;

        private Builder(InetAddress address) {
            this.address = IpAddresses.canonical(Objects.requireNonNull(address));
        }

        public Builder helo(Optional<String> helo) {
            this.helo = helo;
            return this;
        }

        public Builder helo(String helo) {
            return helo(Optional.of(helo));
        }

        public Builder login(Optional<String> login) {
            this.login = login.map(value -> value.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder login(String login) {
            return login(Optional.of(login));
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder authOffered(boolean authOffered) {
            this.authOffered = authOffered;
            return this;
        }

        public ClientContext build() {
            return new ClientContext(this);
        }
    }

    private ClientContext(Builder builder) {
        this.address = builder.address;
        this.addressBytes = address.getAddress();
        this.helo = builder.helo;
        this.login = builder.login;
        this.tls = builder.tls;
        this.authOffered = builder.authOffered;
    }

    public InetAddress address() {
        return address;
    }

    /** The canonical address as bytes, shared: never to be modified. */
    byte[] addressBytes() {
        return addressBytes;
    }

    public Optional<String> helo() {
        return helo;
    }

    /** The authenticated login, in lower case, or empty for a client that did not authenticate. */
    public Optional<String> login() {
        return login;
    }

    public boolean tls() {
        return tls;
    }

    public boolean authOffered() {
        return authOffered;
    }

    @Override
    public String toString() {
        return "client=" + IpAddresses.format(address)
            + helo.map(h -> " helo=" + h).orElse("")
            + login.map(l -> " login=" + l).orElse("")
            + (tls ? " tls" : "");
    }
}
