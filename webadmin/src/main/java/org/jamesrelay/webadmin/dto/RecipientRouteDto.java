package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.Route;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A route by destination, as {@code /relay/routes} lists it. */
@JsonPropertyOrder({"destination", "kind"})
public final class RecipientRouteDto extends RouteDto {
    private final String destination;
    private final String kind;

    public RecipientRouteDto(Route route) {
        super(route);
        this.destination = route.key();
        this.kind = kind(route.kind());
    }

    public String getDestination() {
        return destination;
    }

    /** {@code address}, {@code domain}, {@code subdomains} or {@code default}. */
    public String getKind() {
        return kind;
    }
}
