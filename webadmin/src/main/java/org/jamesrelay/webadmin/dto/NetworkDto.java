package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.stream.Collectors;

import org.jamesrelay.core.AddressPattern;
import org.jamesrelay.core.TrustedNetwork;

/** One {@code trusted-network} entry. */
public final class NetworkDto {
    private final String network;
    private final List<String> senders;
    private final boolean servedSendersOnly;
    private final boolean wide;

    public NetworkDto(TrustedNetwork network) {
        this.network = network.cidr().asString();
        this.senders = network.senders().stream().map(AddressPattern::asString).collect(Collectors.toList());
        this.servedSendersOnly = network.servedSendersOnly();
        this.wide = network.isWide();
    }

    public String getNetwork() {
        return network;
    }

    /** Empty: any sender. */
    public List<String> getSenders() {
        return senders;
    }

    public boolean isServedSendersOnly() {
        return servedSendersOnly;
    }

    /** Wider than /8 (IPv4) or /16 (IPv6): trusted only because the request said so. */
    public boolean isWide() {
        return wide;
    }
}
