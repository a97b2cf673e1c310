package org.jamesrelay.mailets;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrerToHost;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.MailetConfig;
import org.jamesrelay.core.Transport;

/**
 * One James {@link MailDelivrer} per transport (and login), built when first needed. A login is part of the key, so
 * that a changed password is used from the next attempt on, and only by the transport that names it.
 */
final class TransportDeliverers {
    private final MailetConfig mailetConfig;
    private final DNSService dnsService;
    private final DomainList domainList;
    private final UpstreamCredentials credentials;
    private final Map<Map.Entry<Transport, Optional<UpstreamCredentials.Login>>, MailDelivrer> deliverers = new ConcurrentHashMap<>();

    TransportDeliverers(MailetConfig mailetConfig, DNSService dnsService, DomainList domainList, UpstreamCredentials credentials) {
        this.mailetConfig = mailetConfig;
        this.dnsService = dnsService;
        this.domainList = domainList;
        this.credentials = credentials;
    }

    MailDelivrer deliverer(Transport transport) throws UpstreamCredentials.UnknownCredentialsException {
        Optional<UpstreamCredentials.Login> login = transport.credentials().isPresent()
            ? Optional.of(credentials.login(transport.credentials().get()))
            : Optional.empty();
        return deliverers.computeIfAbsent(Map.entry(transport, login), key -> create(transport, login));
    }

    /** Forgets the deliverers of transports and logins no longer in use; called when the policy changes. */
    void clear() {
        deliverers.clear();
    }

    private MailDelivrer create(Transport transport, Optional<UpstreamCredentials.Login> login) {
        RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(
            TransportMailetConfig.of(mailetConfig, transport, login), domainList);
        Bouncer bouncer = new Bouncer(configuration, mailetConfig.getMailetContext());
        return new MailDelivrer(configuration, new MailDelivrerToHost(configuration, mailetConfig.getMailetContext()),
            dnsService, bouncer, mailetConfig.getMailetContext());
    }
}
