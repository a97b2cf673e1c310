package org.jamesrelay.core;

import java.util.List;
import java.util.Objects;

/**
 * A client network that may relay (Postfix {@code mynetworks}), optionally only with some senders
 * (OpenSMTPD {@code match from src <net> mail-from <senders>}), optionally only with senders of served domains.
 */
public final class TrustedNetwork {
    /** Networks with a shorter prefix trust so many clients that they must be asked for explicitly ({@code wide}). */
    public static final int WIDEST_IPV4_PREFIX = 8;
    public static final int WIDEST_IPV6_PREFIX = 16;

    private final Cidr cidr;
    private final List<AddressPattern> senders;
    private final boolean servedSendersOnly;
    /** Worked out on first use (formatting the network costs), as String.hashCode does: a benign race. */
    private String ruleId;
    private Decision relayGranted;

    public TrustedNetwork(Cidr cidr, List<AddressPattern> senders, boolean servedSendersOnly) {
        this.cidr = Objects.requireNonNull(cidr);
        this.senders = List.copyOf(senders);
        this.servedSendersOnly = servedSendersOnly;
    }

    public static TrustedNetwork anySender(Cidr cidr) {
        return new TrustedNetwork(cidr, List.of(), false);
    }

    public Cidr cidr() {
        return cidr;
    }

    /** Empty means any sender. */
    /** Wider than {@link #WIDEST_IPV4_PREFIX} or {@link #WIDEST_IPV6_PREFIX}: close to an open relay. */
    public boolean isWide() {
        return isWide(cidr);
    }

    public static boolean isWide(Cidr cidr) {
        return cidr.prefixLength() < (cidr.isIpv4() ? WIDEST_IPV4_PREFIX : WIDEST_IPV6_PREFIX);
    }

    public List<AddressPattern> senders() {
        return senders;
    }

    public boolean servedSendersOnly() {
        return servedSendersOnly;
    }

    /** Whether this sender may relay from this network. The null sender (bounces) always may: see the decider. */
    public boolean permitsSender(EnvelopeAddress sender) {
        return permitsSenderKey(sender.key());
    }

    /** {@link #permitsSender} for the sender of this lookup key ({@link EnvelopeAddress#key()}). */
    boolean permitsSenderKey(String senderKey) {
        if (senders.isEmpty()) {
            return true;
        }
        for (int i = 0; i < senders.size(); i++) { // indexed: no iterator per decision
            if (senders.get(i).matchesKey(senderKey)) {
                return true;
            }
        }
        return false;
    }

    public String ruleId() {
        String id = ruleId;
        if (id == null) {
            id = "trusted-network:" + cidr.asString();
            ruleId = id;
        }
        return id;
    }

    /** The decision for a client of this network that may relay: made once, not at every recipient. */
    Decision relayGranted() {
        Decision granted = relayGranted;
        if (granted == null) {
            granted = Decision.of(Verdict.RELAY, Replies.trustedNetworkOk(), ruleId());
            relayGranted = granted;
        }
        return granted;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof TrustedNetwork) {
            TrustedNetwork that = (TrustedNetwork) o;
            return cidr.equals(that.cidr)
                && senders.equals(that.senders)
                && servedSendersOnly == that.servedSendersOnly;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cidr, senders, servedSendersOnly);
    }
}
