package org.jamesrelay.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The answers of {@code /relay/routes} and {@code /relay/sender-routes} as tables, one route a row. */
final class RouteOutput {
    private RouteOutput() {
    }

    /** @param answer {@code {senderRoutesFirst, routes, senderRoutes}} */
    static String routes(JsonNode answer) {
        JsonNode table = Json.asObject(answer);
        List<JsonNode> routes = Json.asList(table.get("routes"));
        StringBuilder text = new StringBuilder(routes.isEmpty() ? "" : routeTable("DESTINATION", "destination", routes, ""));
        if (routes.stream().noneMatch(route -> Json.text(Json.asObject(route).get("kind")).equals("default"))) {
            text.append("no default route (*): mail that no route matches goes directly to the MX of its domain\n");
        }
        List<JsonNode> senderRoutes = Json.asList(table.get("senderRoutes"));
        if (!senderRoutes.isEmpty()) {
            text.append('\n').append(routeTable("SENDER", "sender", senderRoutes, ""))
                .append("sender routes first: ").append(Json.text(table.get("senderRoutesFirst"))).append('\n');
        }
        return text.toString();
    }

    static String route(JsonNode answer) {
        return routeTable("DESTINATION", "destination", List.of(answer), "");
    }

    static String senderRoutes(JsonNode answer) {
        return routeTable("SENDER", "sender", Json.asList(answer), "no sender route");
    }

    static String senderRoute(JsonNode answer) {
        return routeTable("SENDER", "sender", List.of(answer), "no sender route");
    }

    private static String routeTable(String header, String field, List<JsonNode> routes, String whenEmpty) {
        TextTable table = new TextTable(header, "HOPS", "TLS", "CREDENTIALS", "BALANCE");
        for (JsonNode item : routes) {
            JsonNode route = Json.asObject(item);
            table.row(Json.text(route.get(field)), hops(route), Json.text(route.get("tls")),
                Json.isAbsent(route.get("credentials")) ? "-" : Json.text(route.get("credentials")), Json.text(route.get("balance")));
        }
        return table.render(whenEmpty);
    }

    /** The next hops of a route; none: direct delivery. */
    static String hops(JsonNode route) {
        return PolicyOutput.patterns(route.get("hops"), "direct");
    }
}
