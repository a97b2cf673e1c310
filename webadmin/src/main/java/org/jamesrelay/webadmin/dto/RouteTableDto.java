package org.jamesrelay.webadmin.dto;

import java.util.List;
import java.util.stream.Collectors;

import org.jamesrelay.core.Route;

/** The transport map: the routes by destination, the default route last, and the routes by sender. */
public final class RouteTableDto {
    private final boolean senderRoutesFirst;
    private final List<RouteDto> routes;
    private final List<RouteDto> senderRoutes;

    public RouteTableDto(boolean senderRoutesFirst, List<Route> routes, List<Route> senderRoutes) {
        this.senderRoutesFirst = senderRoutesFirst;
        this.routes = listed(routes);
        this.senderRoutes = listed(senderRoutes);
    }

    public static List<RouteDto> listed(List<Route> routes) {
        return routes.stream().map(RouteDto::listed).collect(Collectors.toList());
    }

    public boolean isSenderRoutesFirst() {
        return senderRoutesFirst;
    }

    public List<RouteDto> getRoutes() {
        return routes;
    }

    public List<RouteDto> getSenderRoutes() {
        return senderRoutes;
    }
}
