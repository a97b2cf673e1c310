package org.jamesrelay.webadmin.dto;

import org.jamesrelay.core.Route;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A route by sender, as {@code /relay/sender-routes} lists it. */
@JsonPropertyOrder({"sender", "kind"})
public final class SenderRouteDto extends RouteDto {
    private final String sender;
    private final String kind;

    public SenderRouteDto(Route route) {
        super(route);
        this.sender = route.key();
        this.kind = kind(route.kind());
    }

    public String getSender() {
        return sender;
    }

    /** {@code address} or {@code domain}. */
    public String getKind() {
        return kind;
    }
}
