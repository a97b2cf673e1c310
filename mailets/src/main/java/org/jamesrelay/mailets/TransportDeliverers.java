package org.jamesrelay.mailets;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.MailetConfig;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.core.Transport;

/**
 * One James {@link MailDelivrer} per transport of the routes in force, built when first needed, delivering over the
 * SMTP sessions the cache keeps open, with the login the transport names as the credentials file has it now: a changed
 * password is used from the next attempt on, by a new deliverer that replaces the old one. When the routes change, the deliverers of transports they no longer name are
 * forgotten: no more deliverers are kept than the routes have transports. The sessions of a forgotten deliverer are
 * never taken again, and the cache closes them once idle.
 */
final class TransportDeliverers {
    private static final class LoggedIn {
        private final Optional<UpstreamCredentials.Login> login;
        private final MailDelivrer deliverer;

        private LoggedIn(Optional<UpstreamCredentials.Login> login, MailDelivrer deliverer) {
            this.login = login;
            this.deliverer = deliverer;
        }
    }

    private final MailetConfig mailetConfig;
    private final DNSService dnsService;
    private final DomainList domainList;
    private final UpstreamCredentials credentials;
    private final Supplier<RouteTable> routes;
    private final SessionCache<TrackedSmtpTransport> sessions;
    private final boolean pipelining;
    private final AtomicReference<RouteTable> routesInUse = new AtomicReference<>();
    private final Map<Transport, LoggedIn> deliverers = new ConcurrentHashMap<>();

    TransportDeliverers(MailetConfig mailetConfig, DNSService dnsService, DomainList domainList, UpstreamCredentials credentials,
                        Supplier<RouteTable> routes, SessionCache<TrackedSmtpTransport> sessions, boolean pipelining) {
        this.mailetConfig = mailetConfig;
        this.dnsService = dnsService;
        this.domainList = domainList;
        this.credentials = credentials;
        this.routes = routes;
        this.sessions = sessions;
        this.pipelining = pipelining;
    }

    MailDelivrer deliverer(Transport transport) throws UpstreamCredentials.UnknownCredentialsException {
        forgetTransportsNoLongerRouted();
        Optional<UpstreamCredentials.Login> login = transport.credentials().isPresent()
            ? Optional.of(credentials.login(transport.credentials().get()))
            : Optional.empty();
        return deliverers.compute(transport, (key, known) -> known != null && known.login.equals(login)
            ? known
            : new LoggedIn(login, create(transport, login))).deliverer;
    }

    private void forgetTransportsNoLongerRouted() {
        RouteTable current = routes.get();
        if (routesInUse.getAndSet(current) != current) {
            deliverers.keySet().retainAll(transportsOf(current));
        }
    }

    /** The transports of every route, and the one of the default route, be it direct delivery. */
    private static Set<Transport> transportsOf(RouteTable routes) {
        return Stream.of(routes.recipientRoutes().stream(), routes.senderRoutes().stream(), Stream.of(routes.defaultOrDirect()))
            .flatMap(stream -> stream)
            .map(Route::transport)
            .collect(Collectors.toSet());
    }

    private MailDelivrer create(Transport transport, Optional<UpstreamCredentials.Login> login) {
        RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(
            TransportMailetConfig.of(mailetConfig, transport, login), domainList);
        Bouncer bouncer = new Bouncer(configuration, mailetConfig.getMailetContext());
        return new MailDelivrer(configuration, new ReusingMailDelivrerToHost(configuration, mailetConfig.getMailetContext(), sessions, pipelining),
            dnsService, bouncer, mailetConfig.getMailetContext());
    }
}
