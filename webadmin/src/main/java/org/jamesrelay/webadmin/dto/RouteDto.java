package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.stream.Collectors;

import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.Transport;

/** How mail leaves on a route; as {@code /relay/explain} gives the route of a recipient. */
public class RouteDto {
    private final String rule;
    private final List<String> hops;
    private final boolean direct;
    private final String tls;
    private final String credentials;
    private final String balance;

    public RouteDto(Route route) {
        Transport transport = route.transport();
        this.rule = route.ruleId();
        this.hops = transport.hops().stream().map(NextHop::asString).collect(Collectors.toList());
        this.direct = transport.isDirect();
        this.tls = transport.tls().keyword();
        this.credentials = transport.credentials().orElse(null);
        this.balance = transport.balance().keyword();
    }

    /** A route of {@code /relay/routes} or {@code /relay/sender-routes}, with what it is for. */
    public static RouteDto listed(Route route) {
        return route.kind().bySender() ? new SenderRouteDto(route) : new RecipientRouteDto(route);
    }

    public String getRule() {
        return rule;
    }

    /** Empty for direct delivery. */
    public List<String> getHops() {
        return hops;
    }

    /** Delivered to the MX of the recipient's domain. */
    public boolean isDirect() {
        return direct;
    }

    public String getTls() {
        return tls;
    }

    /** The name of the upstream login, null for none: the secret stays in the credentials file of each node. */
    public String getCredentials() {
        return credentials;
    }

    public String getBalance() {
        return balance;
    }

    static String kind(Route.Kind kind) {
        switch (kind) {
            case RECIPIENT_ADDRESS:
            case SENDER_ADDRESS:
                return "address";
            case RECIPIENT_SUBDOMAINS:
                return "subdomains";
            case DEFAULT:
                return "default";
            default:
                return "domain";
        }
    }
}
