package org.jamesrelay.core;

import java.util.Objects;

/**
 * One SMTP server a route sends to, written {@code [host]:port}, {@code host:port} or {@code host} (port 25). The
 * host is used as given: its address is looked up, never its MX records (Postfix's {@code [host]} form).
 */
public final class NextHop {
    private static final int SMTP_PORT = 25;

    private final String host;
    private final int port;

    public static NextHop parse(String raw) {
        String text = raw.trim();
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("next hop '" + Printable.of(raw) + "': missing ']'");
            }
            host = text.substring(1, close);
            rest = text.substring(close + 1);
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        return new NextHop(host(raw, host), port(raw, rest));
    }

    private static String host(String raw, String host) {
        if (host.contains(":")) {
            throw new IllegalArgumentException("next hop '" + Printable.of(raw) + "': IPv6 next hops are not supported; use a host name");
        }
        try {
            return host.matches("[0-9.]+") ? IpAddresses.format(IpAddresses.parse(host)) : DomainNames.normalize(host);
        } catch (AddressSyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("next hop '" + Printable.of(raw) + "': " + e.getMessage());
        }
    }

    private static int port(String raw, String rest) {
        if (rest.isEmpty()) {
            return SMTP_PORT;
        }
        if (!rest.startsWith(":") || !rest.substring(1).matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("next hop '" + Printable.of(raw) + "': expected [HOST]:PORT");
        }
        int port = Integer.parseInt(rest.substring(1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("next hop '" + Printable.of(raw) + "': port " + port + " is not between 1 and 65535");
        }
        return port;
    }

    public NextHop(String host, int port) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** As written in the policy. */
    public String asString() {
        return "[" + host + "]:" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof NextHop) {
            NextHop that = (NextHop) o;
            return port == that.port && host.equals(that.host);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port);
    }

    @Override
    public String toString() {
        return asString();
    }
}
