package org.jamesrelay.webadmin;

import static org.jamesrelay.webadmin.RelayErrors.badRequestUnless;
import static org.jamesrelay.webadmin.RelayErrors.notFound;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.jamesrelay.core.PolicyDocument;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.webadmin.dto.RouteDto;
import org.jamesrelay.webadmin.dto.RouteTableDto;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Where relayed mail goes: the routes by destination ({@code route}), under {@code /relay/routes}, and by sender
 * ({@code sender-route}), under {@code /relay/sender-routes}. A route names its next hops or direct delivery, its TLS
 * policy, the name of its upstream credentials (the secrets are not in the policy) and how it balances its hops.
 */
public class RouteTableRoutes extends RelayApiRoutes {
    private static final String ROUTES = RelayApi.BASE_PATH + "/routes";
    private static final String SENDER_ROUTES = RelayApi.BASE_PATH + "/sender-routes";
    private static final Set<String> FIELDS = Set.of("hops", "tls", "credentials", "balance");

    private final PolicyAccess access;

    @Inject
    public RouteTableRoutes(PolicyAccess access) {
        this.access = access;
    }

    @Override
    public void define(Service service) {
        service.get(ROUTES, (request, response) -> routeTable(), access.jsonTransformer());
        define(service, ROUTES + "/:destination", PolicyValues.ROUTE, "destination");
        service.get(SENDER_ROUTES, (request, response) -> RouteTableDto.listed(access.reader().snapshot().routes().senderRoutes()),
            access.jsonTransformer());
        define(service, SENDER_ROUTES + "/:sender", PolicyValues.SENDER_ROUTE, "sender");
    }

    private void define(Service service, String path, String keyword, String parameter) {
        service.get(path, (request, response) -> getRoute(keyword, request.params(parameter)), access.jsonTransformer());
        service.put(path, (request, response) -> putRoute(keyword, request.params(parameter), request, response));
        service.delete(path, (request, response) -> deleteRoute(keyword, request.params(parameter), request, response));
    }

    private RouteTableDto routeTable() {
        RouteTable table = access.reader().snapshot().routes();
        return new RouteTableDto(table.senderRoutesFirst(), routes(PolicyValues.ROUTE, table), table.senderRoutes());
    }

    /** In policy order; for the routes by destination, the default route last. */
    private static List<Route> routes(String keyword, RouteTable table) {
        if (keyword.equals(PolicyValues.SENDER_ROUTE)) {
            return table.senderRoutes();
        }
        return Stream.concat(table.recipientRoutes().stream(), table.defaultRoute().stream()).collect(Collectors.toList());
    }

    private RouteDto getRoute(String keyword, String value) {
        String key = badRequestUnless(() -> PolicyValues.routeKey(keyword, value));
        return routes(keyword, access.reader().snapshot().routes()).stream()
            .filter(route -> route.key().equals(key))
            .findFirst()
            .map(RouteDto::listed)
            .orElseThrow(() -> notFound(notSet(keyword, key)));
    }

    private String putRoute(String keyword, String value, Request request, Response response) {
        String key = badRequestUnless(() -> PolicyValues.routeKey(keyword, value));
        JsonBody body = badRequestUnless(() -> JsonBody.object(RequestBody.text(request), FIELDS));
        String line = badRequestUnless(() -> PolicyValues.routeLine(keyword, key, body.strings("hops"), body.string("tls"),
            body.string("credentials"), body.string("balance")));
        Predicate<PolicyDocument.Entry> matching = routeEntry(keyword, key);
        return access.writer().edit(request, response, document -> {
            boolean exists = document.anyMatch(matching);
            return EntryEdit.of((exists ? "change " : "add ") + keyword, document, matching, List.of(line), document.replace(matching, line));
        });
    }

    private String deleteRoute(String keyword, String value, Request request, Response response) {
        String key = badRequestUnless(() -> PolicyValues.routeKey(keyword, value));
        Predicate<PolicyDocument.Entry> matching = routeEntry(keyword, key);
        return access.writer().edit(request, response, document -> {
            EntryEdit.requireSome(document, matching, notSet(keyword, key));
            return EntryEdit.of("remove " + keyword, document, matching, List.of(), document.removeIf(matching));
        });
    }

    /** As the policy parser names a route: {@code route:relay.test is not set}. */
    private static String notSet(String keyword, String key) {
        return keyword + ":" + key + " is not set";
    }

    private static Predicate<PolicyDocument.Entry> routeEntry(String keyword, String key) {
        return entry -> entry.keyword().equals(keyword) && PolicyValues.tryRouteKey(keyword, entry.value()).filter(key::equals).isPresent();
    }
}
