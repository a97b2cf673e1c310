package org.jamesrelay.webadmin;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;

import spark.Service;

/**
 * Every {@code /relay} route, for {@code extensions.routes} in {@code webadmin.properties}: one class to name, and
 * James's authentication filter installed once for the whole base path. Each resource defines its own routes.
 */
public class RelayRoutes extends RelayApiRoutes {
    private final List<Routes> resources;

    @Inject
    public RelayRoutes(NetworksRoutes networks, RelayDomainsRoutes domains, SendersRoutes senders, SettingsRoutes settings,
                       RouteTableRoutes routes, FrontEndFilterRoutes filters, PolicyRoutes policy, ExplainRoutes explain, AuditRoutes audit,
                       QueueRoutes queue, DkimRoutes dkim, LockoutsRoutes lockouts, RateLimitsRoutes rateLimits) {
        this.resources = List.of(networks, domains, senders, settings, routes, filters, policy, explain, audit, queue, dkim, lockouts,
            rateLimits);
    }

    @Override
    public void define(Service service) {
        resources.forEach(resource -> resource.define(service));
    }
}
