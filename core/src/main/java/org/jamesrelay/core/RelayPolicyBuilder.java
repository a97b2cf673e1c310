package org.jamesrelay.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jamesrelay.core.RelayPolicy.RelayMode;

/**
 * Gathers the entries of a {@link RelayPolicy}, refusing a network, relay domain, sender login or rate limit given twice;
 * start from {@link RelayPolicy#builder()}.
 */
public final class RelayPolicyBuilder {
    RelayMode relayMode = RelayMode.POLICY;
    final Map<Cidr, TrustedNetwork> trustedNetworks = new LinkedHashMap<>();
    final Map<String, RelayDomain> relayDomains = new LinkedHashMap<>();
    final Map<String, SenderLogin> senderLogins = new LinkedHashMap<>();
    AuthenticatedRelay authenticatedRelay = AuthenticatedRelay.DEFAULT;
    boolean servedSendersOnly;
    boolean localSendersRequireLogin;
    boolean headerFromMustBeOwned;
    final List<Route> routes = new ArrayList<>();
    boolean senderRoutesFirst;
    FilterPolicy filters = FilterPolicy.none();
    ErrorLimits errorLimits = ErrorLimits.DEFAULT;
    AuthFailureLimits authFailureLimits = AuthFailureLimits.DEFAULT;
    LimitExceptions limitExceptions = LimitExceptions.TRUSTED_NETWORKS;
    boolean forbidUnauthPipelining = true;
    Duration greetPause = Duration.ZERO;
    final Map<String, RateLimit> rateLimits = new LinkedHashMap<>();

    RelayPolicyBuilder() {
    }

    public RelayPolicyBuilder relayMode(RelayMode relayMode) {
        this.relayMode = relayMode;
        return this;
    }

    public RelayPolicyBuilder trustedNetwork(TrustedNetwork network) {
        if (trustedNetworks.putIfAbsent(network.cidr(), network) != null) {
            throw new IllegalArgumentException("network " + network.cidr() + " is already trusted");
        }
        return this;
    }

    public RelayPolicyBuilder relayDomain(RelayDomain domain) {
        if (relayDomains.putIfAbsent(domain.name(), domain) != null) {
            throw new IllegalArgumentException("relay domain " + domain.name() + " is already listed");
        }
        return this;
    }

    public RelayPolicyBuilder senderLogin(SenderLogin senderLogin) {
        if (senderLogins.putIfAbsent(senderLogin.login(), senderLogin) != null) {
            throw new IllegalArgumentException("sender login " + senderLogin.login() + " is already listed");
        }
        return this;
    }

    public RelayPolicyBuilder authenticatedRelay(AuthenticatedRelay authenticatedRelay) {
        this.authenticatedRelay = authenticatedRelay;
        return this;
    }

    public RelayPolicyBuilder servedSendersOnly(boolean servedSendersOnly) {
        this.servedSendersOnly = servedSendersOnly;
        return this;
    }

    public RelayPolicyBuilder localSendersRequireLogin(boolean localSendersRequireLogin) {
        this.localSendersRequireLogin = localSendersRequireLogin;
        return this;
    }

    public RelayPolicyBuilder headerFromMustBeOwned(boolean headerFromMustBeOwned) {
        this.headerFromMustBeOwned = headerFromMustBeOwned;
        return this;
    }

    public RelayPolicyBuilder route(Route route) {
        routes.add(route);
        return this;
    }

    public RelayPolicyBuilder senderRoutesFirst(boolean senderRoutesFirst) {
        this.senderRoutesFirst = senderRoutesFirst;
        return this;
    }

    public RelayPolicyBuilder filters(FilterPolicy filters) {
        this.filters = filters;
        return this;
    }

    public RelayPolicyBuilder errorLimits(ErrorLimits errorLimits) {
        this.errorLimits = errorLimits;
        return this;
    }

    public RelayPolicyBuilder authFailureLimits(AuthFailureLimits authFailureLimits) {
        this.authFailureLimits = authFailureLimits;
        return this;
    }

    public RelayPolicyBuilder limitExceptions(LimitExceptions limitExceptions) {
        this.limitExceptions = limitExceptions;
        return this;
    }

    public RelayPolicyBuilder forbidUnauthPipelining(boolean forbidUnauthPipelining) {
        this.forbidUnauthPipelining = forbidUnauthPipelining;
        return this;
    }

    public RelayPolicyBuilder greetPause(Duration greetPause) {
        this.greetPause = greetPause;
        return this;
    }

    public RelayPolicyBuilder rateLimit(RateLimit rateLimit) {
        if (rateLimits.putIfAbsent(rateLimit.name(), rateLimit) != null) {
            throw new IllegalArgumentException("rate limit " + rateLimit.name() + " is already set");
        }
        return this;
    }

    public RelayPolicy build() {
        return new RelayPolicy(this);
    }
}
