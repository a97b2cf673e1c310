package org.jamesrelay.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The transport map (Postfix {@code transport_maps}) and the sender-dependent routes
 * ({@code sender_dependent_relayhost_maps}), looked up without I/O.
 * <p>
 * For a recipient, the most specific recipient route wins: its address, its domain, then the nearest parent
 * domain with a {@code .domain} route. A sender route (address, then domain) comes next, before the default
 * route, as in Postfix; with {@code sender-routes-first yes} sender routes come before recipient routes. Without a
 * default route, mail goes directly to the MX of the recipient's domain.
 */
public final class RouteTable {
    private final Map<String, Route> recipientRoutes;
    private final Map<String, Route> senderRoutes;
    private final Optional<Route> defaultRoute;
    private final boolean senderRoutesFirst;

    public static RouteTable of(Collection<Route> routes, boolean senderRoutesFirst) {
        return new RouteTable(routes, senderRoutesFirst);
    }

    private RouteTable(Collection<Route> routes, boolean senderRoutesFirst) {
        Map<String, Route> byRecipient = new LinkedHashMap<>();
        Map<String, Route> bySender = new LinkedHashMap<>();
        Route defaultRoute = null;
        for (Route route : routes) {
            Map<String, Route> table = route.kind().bySender() ? bySender : byRecipient;
            if (route.kind() == Route.Kind.DEFAULT) {
                if (defaultRoute != null) {
                    throw new IllegalArgumentException("the default route is already set");
                }
                defaultRoute = route;
            } else if (table.putIfAbsent(route.key(), route) != null) {
                throw new IllegalArgumentException(route.ruleId() + " is already set");
            }
        }
        this.recipientRoutes = Collections.unmodifiableMap(byRecipient);
        this.senderRoutes = Collections.unmodifiableMap(bySender);
        this.defaultRoute = Optional.ofNullable(defaultRoute);
        this.senderRoutesFirst = senderRoutesFirst;
    }

    /**
     * @param sender empty for the null sender, which no sender route matches
     */
    public Route routeFor(Optional<EnvelopeAddress> sender, EnvelopeAddress recipient) {
        Optional<Route> bySender = sender.flatMap(this::senderRoute);
        if (senderRoutesFirst && bySender.isPresent()) {
            return bySender.get();
        }
        return recipientRoute(recipient)
            .or(() -> bySender)
            .orElseGet(this::defaultOrDirect);
    }

    /** The default route, or direct delivery by MX when the policy has none. */
    public Route defaultOrDirect() {
        return defaultRoute.orElse(Route.IMPLICIT_DEFAULT);
    }

    private Optional<Route> senderRoute(EnvelopeAddress sender) {
        Route route = senderRoutes.get(sender.key());
        return Optional.ofNullable(route != null ? route : senderRoutes.get("@" + sender.domain()));
    }

    private Optional<Route> recipientRoute(EnvelopeAddress recipient) {
        Route route = recipientRoutes.get(recipient.key());
        if (route != null) {
            return Optional.of(route);
        }
        String domain = recipient.domain();
        route = recipientRoutes.get(domain);
        if (route != null || recipient.isDomainLiteral()) {
            return Optional.ofNullable(route);
        }
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            route = recipientRoutes.get(domain.substring(dot));
            if (route != null) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> recipientRoutes() {
        return List.copyOf(recipientRoutes.values());
    }

    public List<Route> senderRoutes() {
        return List.copyOf(senderRoutes.values());
    }

    public Optional<Route> defaultRoute() {
        return defaultRoute;
    }

    public boolean senderRoutesFirst() {
        return senderRoutesFirst;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RouteTable) {
            RouteTable that = (RouteTable) o;
            return recipientRoutes.equals(that.recipientRoutes)
                && senderRoutes.equals(that.senderRoutes)
                && defaultRoute.equals(that.defaultRoute)
                && senderRoutesFirst == that.senderRoutesFirst;
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipientRoutes, senderRoutes, defaultRoute, senderRoutesFirst);
    }
}
