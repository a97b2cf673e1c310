package org.jamesrelay.mailets;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.jamesrelay.core.TlsPolicy;
import org.jamesrelay.core.Transport;

/**
 * The configuration James's remote delivery library reads for one transport: the parameters of the
 * {@code RouteDelivery} mailet (timeouts, retries, HELO name, bounce processor) with the transport's gateways,
 * TLS settings and login on top. The parameter names are those of James's {@code RemoteDelivery}.
 */
final class TransportMailetConfig implements MailetConfig {
    static final Set<String> TRANSPORT_PARAMETERS = Set.of("gateway", "gatewayPort", "gatewayUsername", "gatewayusername",
        "gatewayPassword", "loadBalancing", "startTLS", "sslEnable", "verifyServerIdentity", "mail.smtp.starttls.required",
        "mail.smtp.ssl.trust", "maxDnsProblemRetries");

    private final MailetConfig mailetConfig;
    private final Map<String, String> overrides;

    static TransportMailetConfig of(MailetConfig mailetConfig, Transport transport, Optional<UpstreamCredentials.Login> login) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!transport.isDirect()) {
            overrides.put("gateway", transport.hops().stream()
                .map(hop -> hop.host() + ":" + hop.port())
                .collect(Collectors.joining(",")));
            overrides.put("loadBalancing", String.valueOf(transport.balance() == Transport.Balance.ROUND_ROBIN));
            // A next hop whose name does not resolve is a temporary problem, retried like a refused connection.
            overrides.put("maxDnsProblemRetries", mailetConfig.getInitParameter("maxRetries") == null ? "5" : mailetConfig.getInitParameter("maxRetries"));
        }
        login.ifPresent(credentials -> {
            overrides.put("gatewayUsername", credentials.username());
            overrides.put("gatewayPassword", credentials.password());
        });
        overrides.put("sslEnable", "false");
        overrides.put("startTLS", String.valueOf(transport.tls() != TlsPolicy.NONE));
        overrides.put("verifyServerIdentity", String.valueOf(transport.tls() == TlsPolicy.VERIFY));
        if (transport.tls().isMandatory()) {
            overrides.put("mail.smtp.starttls.required", "true");
        }
        if (transport.tls() == TlsPolicy.MAY || transport.tls() == TlsPolicy.ENCRYPT) {
            overrides.put("mail.smtp.ssl.trust", "*");
        }
        return new TransportMailetConfig(mailetConfig, overrides);
    }

    private TransportMailetConfig(MailetConfig mailetConfig, Map<String, String> overrides) {
        this.mailetConfig = mailetConfig;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public String getInitParameter(String name) {
        if (TRANSPORT_PARAMETERS.contains(name)) {
            return overrides.get(name);
        }
        return mailetConfig.getInitParameter(name);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        mailetConfig.getInitParameterNames().forEachRemaining(names::add);
        names.removeAll(TRANSPORT_PARAMETERS);
        names.addAll(overrides.keySet());
        return Collections.unmodifiableSet(names).iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return mailetConfig.getMailetContext();
    }

    @Override
    public String getMailetName() {
        return mailetConfig.getMailetName();
    }
}
