package org.jamesrelay.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the transport map: mail for a destination, or from a sender, leaves through a {@link Transport}.
 * <p>
 * A recipient route names {@code user@domain}, {@code domain}, {@code .domain} (every subdomain of domain, not
 * domain itself) or {@code *} (the default route); a sender route names {@code user@domain} or {@code @domain}.
 */
public final class Route {
    public enum Kind {
        RECIPIENT_ADDRESS, RECIPIENT_DOMAIN, RECIPIENT_SUBDOMAINS, DEFAULT, SENDER_ADDRESS, SENDER_DOMAIN;

        public boolean bySender() {
            return this == SENDER_ADDRESS || this == SENDER_DOMAIN;
        }
    }

    public static final String DEFAULT_DESTINATION = "*";
    static final String IMPLICIT_DEFAULT_RULE = "default-route:direct";
    static final Route IMPLICIT_DEFAULT = new Route(Kind.DEFAULT, DEFAULT_DESTINATION, Transport.DIRECT_BY_MX, IMPLICIT_DEFAULT_RULE);

    private final Kind kind;
    private final String key;
    private final Transport transport;
    private final String ruleId;

    /** A route for recipients: {@code user@domain}, {@code domain}, {@code .domain} or {@code *}. */
    public static Route forRecipients(String destination, Transport transport) {
        String value = destination.trim();
        if (value.equals(DEFAULT_DESTINATION)) {
            return new Route(Kind.DEFAULT, DEFAULT_DESTINATION, transport);
        }
        if (value.startsWith(".")) {
            return new Route(Kind.RECIPIENT_SUBDOMAINS, "." + domain(value.substring(1), value), transport);
        }
        if (value.contains("@")) {
            return new Route(Kind.RECIPIENT_ADDRESS, address(value), transport);
        }
        return new Route(Kind.RECIPIENT_DOMAIN, domain(value, value), transport);
    }

    /** A route for mail from a sender: {@code user@domain} or {@code @domain}. */
    public static Route forSenders(String sender, Transport transport) {
        String value = sender.trim();
        if (value.startsWith("@")) {
            return new Route(Kind.SENDER_DOMAIN, "@" + domain(value.substring(1), value), transport);
        }
        if (!value.contains("@")) {
            throw new IllegalArgumentException("'" + Printable.of(value) + "' is neither an address nor @domain");
        }
        return new Route(Kind.SENDER_ADDRESS, address(value), transport);
    }

    private static String domain(String domain, String written) {
        try {
            return DomainNames.normalize(domain);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("'" + Printable.of(written) + "': " + e.getMessage());
        }
    }

    private static String address(String value) {
        try {
            EnvelopeAddress address = EnvelopeAddress.parse(value);
            if (address.senderRouting().isPresent()) {
                throw new IllegalArgumentException("'" + Printable.of(value) + "' uses " + address.senderRouting().get());
            }
            return address.key();
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("'" + Printable.of(value) + "' is not an address: " + e.getMessage());
        }
    }

    private Route(Kind kind, String key, Transport transport) {
        this(kind, key, transport, (kind.bySender() ? "sender-route:" : "route:") + key);
    }

    private Route(Kind kind, String key, Transport transport, String ruleId) {
        this.kind = kind;
        this.key = key.toLowerCase(Locale.ROOT);
        this.transport = Objects.requireNonNull(transport);
        this.ruleId = ruleId;
    }

    public Kind kind() {
        return kind;
    }

    /** The destination or sender in canonical form, as the policy file would write it. */
    public String key() {
        return key;
    }

    public Transport transport() {
        return transport;
    }

    /** {@code route:relay.test}, {@code sender-route:@local.test}, or {@code default-route:direct} when nothing matched. */
    public String ruleId() {
        return ruleId;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Route) {
            Route that = (Route) o;
            return kind == that.kind && key.equals(that.key) && transport.equals(that.transport) && ruleId.equals(that.ruleId);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, key, transport);
    }

    @Override
    public String toString() {
        return ruleId + " -> " + transport;
    }
}
