package org.jamesrelay.james;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.Transport;

/**
 * The SMTP listeners of this James, to refuse a route whose next hop is this server itself (Postfix: "mail for
 * ... loops back to myself"): such mail would travel in a circle until the hop limit.
 */
public final class OwnListeners {
    private final Supplier<Optional<List<InetSocketAddress>>> listeners;

    /** {@code listeners} is empty while the SMTP servers are not built yet. */
    public OwnListeners(Supplier<Optional<List<InetSocketAddress>>> listeners) {
        this.listeners = listeners;
    }

    /** Whether the SMTP listeners exist yet: before that, no route can be told apart from a loop. */
    public boolean known() {
        return listeners.get().isPresent();
    }

    /** The first hop of the transport that is one of our own SMTP listeners. */
    public Optional<NextHop> loopingHop(Transport transport) {
        List<InetSocketAddress> own = listeners.get().orElseThrow(() -> new IllegalStateException("SMTP listeners not known yet"));
        return transport.hops().stream()
            .filter(hop -> own.stream().anyMatch(listener -> isListener(listener, hop)))
            .findFirst();
    }

    private static boolean isListener(InetSocketAddress listener, NextHop hop) {
        if (listener.getPort() != hop.port()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(hop.host())) {
                if (listener.getAddress().isAnyLocalAddress() ? isOfThisHost(address) : listener.getAddress().equals(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isOfThisHost(InetAddress address) {
        try {
            return address.isAnyLocalAddress() || address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
