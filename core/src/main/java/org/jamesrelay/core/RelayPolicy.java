package org.jamesrelay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay policy an operator wrote: an immutable snapshot, replaced as a whole when the policy changes, so a
 * decision never sees half of an edit.
 */
public final class RelayPolicy {
    public enum RelayMode {
        POLICY("policy"),
        /** Any client may relay. Only for isolated networks; every decision made in this mode carries a warning. */
        OPEN_RELAY("open-relay");

        private final String keyword;

        RelayMode(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    private final RelayMode relayMode;
    private final List<TrustedNetwork> trustedNetworks;
    private final NetworkTable<TrustedNetwork> networkTable;
    private final Map<String, RelayDomain> relayDomains;
    private final Map<String, SenderLogin> senderLogins;
    private final AuthenticatedRelay authenticatedRelay;
    private final boolean servedSendersOnly;
    private final boolean localSendersRequireLogin;
    private final boolean headerFromMustBeOwned;
    private final RouteTable routes;
    private final FilterPolicy filters;
    private final ErrorLimits errorLimits;
    private final AuthFailureLimits authFailureLimits;
    private final LimitExceptions limitExceptions;
    private final boolean forbidUnauthPipelining;
    private final Duration greetPause;
    private final List<RateLimit> rateLimits;

    public static RelayPolicyBuilder builder() {
        return new RelayPolicyBuilder();
    }

    public static RelayPolicy empty() {
        return builder().build();
    }

    RelayPolicy(RelayPolicyBuilder builder) {
        this.relayMode = builder.relayMode;
        this.trustedNetworks = List.copyOf(new ArrayList<>(builder.trustedNetworks.values()));
        this.networkTable = NetworkTable.of(trustedNetworks, TrustedNetwork::cidr);
        this.relayDomains = Map.copyOf(builder.relayDomains);
        this.senderLogins = Map.copyOf(builder.senderLogins);
        this.authenticatedRelay = builder.authenticatedRelay;
        this.servedSendersOnly = builder.servedSendersOnly;
        this.localSendersRequireLogin = builder.localSendersRequireLogin;
        this.headerFromMustBeOwned = builder.headerFromMustBeOwned;
        this.routes = RouteTable.of(builder.routes, builder.senderRoutesFirst);
        this.filters = builder.filters;
        this.errorLimits = builder.errorLimits;
        this.authFailureLimits = builder.authFailureLimits;
        this.limitExceptions = builder.limitExceptions;
        this.forbidUnauthPipelining = builder.forbidUnauthPipelining;
        this.greetPause = builder.greetPause;
        this.rateLimits = List.copyOf(builder.rateLimits.values());
    }

    public RelayMode relayMode() {
        return relayMode;
    }

    public boolean isOpenRelay() {
        return relayMode == RelayMode.OPEN_RELAY;
    }

    public List<TrustedNetwork> trustedNetworks() {
        return trustedNetworks;
    }

    public Optional<TrustedNetwork> trustedNetworkOf(java.net.InetAddress client) {
        return networkTable.longestMatch(client);
    }

    /** The most specific trusted network of the client, or null: for the decider, which allocates nothing for it. */
    TrustedNetwork trustedNetworkOrNull(ClientContext client) {
        return networkTable.longestMatchOrNull(client.addressBytes());
    }

    public Map<String, RelayDomain> relayDomains() {
        return relayDomains;
    }

    public Optional<RelayDomain> relayDomain(String domain) {
        return Optional.ofNullable(relayDomains.get(domain));
    }

    public Map<String, SenderLogin> senderLogins() {
        return senderLogins;
    }

    public Optional<SenderLogin> senderLogin(String login) {
        return Optional.ofNullable(senderLogins.get(login));
    }

    public AuthenticatedRelay authenticatedRelay() {
        return authenticatedRelay;
    }

    /** Relayed mail must have a sender in a served (local or relay) domain, whoever relays it. */
    public boolean servedSendersOnly() {
        return servedSendersOnly;
    }

    /** A client that neither logged in nor belongs to a trusted network may not use a sender of a local domain. */
    public boolean localSendersRequireLogin() {
        return localSendersRequireLogin;
    }

    /** The From: header of mail from a logged-in client must hold only addresses the login owns. */
    public boolean headerFromMustBeOwned() {
        return headerFromMustBeOwned;
    }

    /** Where relayed mail goes: the transport map and the sender-dependent routes. */
    public RouteTable routes() {
        return routes;
    }

    /** The front-end filter: attachment rules, header removals, antivirus. */
    public FilterPolicy filters() {
        return filters;
    }

    /** Refused commands one SMTP session may make. */
    public ErrorLimits errorLimits() {
        return errorLimits;
    }

    /** The password-guessing defence. */
    public AuthFailureLimits authFailureLimits() {
        return authFailureLimits;
    }

    /** Which clients the abuse limits spare. */
    public LimitExceptions limitExceptions() {
        return limitExceptions;
    }

    /** Clients that send commands ahead where RFC 2920 does not allow it are disconnected. */
    public boolean forbidUnauthPipelining() {
        return forbidUnauthPipelining;
    }

    /** How long the greeting waits, so that a client that speaks first is caught; zero for none. */
    public Duration greetPause() {
        return greetPause;
    }

    /** The rate limits, in policy order. */
    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /** Whether the abuse limits spare this client. */
    public boolean exemptFromLimits(java.net.InetAddress client) {
        return limitExceptions.exempts(trustedNetworkOf(client).isPresent());
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof RelayPolicy) {
            RelayPolicy that = (RelayPolicy) o;
            return relayMode == that.relayMode
                && trustedNetworks.equals(that.trustedNetworks)
                && relayDomains.equals(that.relayDomains)
                && senderLogins.equals(that.senderLogins)
                && authenticatedRelay.equals(that.authenticatedRelay)
                && servedSendersOnly == that.servedSendersOnly
                && localSendersRequireLogin == that.localSendersRequireLogin
                && headerFromMustBeOwned == that.headerFromMustBeOwned
                && routes.equals(that.routes)
                && filters.equals(that.filters)
                && errorLimits.equals(that.errorLimits)
                && authFailureLimits.equals(that.authFailureLimits)
                && limitExceptions == that.limitExceptions
                && forbidUnauthPipelining == that.forbidUnauthPipelining
                && greetPause.equals(that.greetPause)
                && rateLimits.equals(that.rateLimits);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(relayMode, trustedNetworks, relayDomains, senderLogins, authenticatedRelay, servedSendersOnly, localSendersRequireLogin,
            headerFromMustBeOwned, routes, filters, errorLimits, authFailureLimits, limitExceptions, forbidUnauthPipelining, greetPause, rateLimits);
    }
}
