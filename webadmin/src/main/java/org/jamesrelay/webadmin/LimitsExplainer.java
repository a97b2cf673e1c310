package org.jamesrelay.webadmin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Provider;

import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.AuthFailureLimits;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.ErrorLimits;
import org.jamesrelay.core.Lockout;
import org.jamesrelay.core.RateLimit;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.webadmin.dto.LimitsDto;
import org.jamesrelay.webadmin.dto.RateLimitStateDto;

/**
 * The abuse limits that an explained envelope meets on this node: whether its client is spared, the error limits,
 * a lockout of its address, network or login, their failed logins, and each rate limit with a key for it and the key's current count.
 */
public class LimitsExplainer {
    private final Provider<RateLimiter> limiter;
    private final Provider<AuthFailureGuard> guard;
    private final Clock clock;

    @Inject
    public LimitsExplainer(Provider<RateLimiter> limiter, Provider<AuthFailureGuard> guard) {
        this(limiter, guard, Clock.systemUTC());
    }

    LimitsExplainer(Provider<RateLimiter> limiter, Provider<AuthFailureGuard> guard, Clock clock) {
        this.limiter = limiter;
        this.guard = guard;
        this.clock = clock;
    }

    LimitsDto explain(RelayPolicy policy, ClientContext client, String sender, String recipient) {
        ErrorLimits errors = policy.errorLimits();
        String errorLimits = "soft " + errors.softLimit() + ", hard " + errors.hardLimit() + ", sleep " + errors.sleepTime().toMillis()
            + "ms, junk " + errors.junkCommandLimit();
        if (policy.exemptFromLimits(client.address())) {
            return new LimitsDto(true, errorLimits, null, null, List.of());
        }
        String lockout = guard.get().lockoutOf(client.address(), client.login().orElse(""))
            .map(found -> found.scope().keyword() + " " + found.key() + ": " + found.reason() + " for " + found.secondsLeft(clock.instant()) + " s")
            .orElse(null);
        AuthFailureLimits authLimits = policy.authFailureLimits();
        String failedLogins = "client " + guard.get().failures(Lockout.Scope.CLIENT, client.address().getHostAddress(), authLimits) + "/"
            + authLimits.perClient().count()
            + ", network " + guard.get().failures(Lockout.Scope.NETWORK, AuthFailureGuard.networkOf(client.address()), authLimits) + "/"
            + authLimits.perNetwork().count()
            + client.login().map(login -> ", login " + guard.get().failures(Lockout.Scope.LOGIN, login, authLimits) + "/"
                + authLimits.perLogin().count()).orElse("");
        List<RateLimitStateDto> states = new ArrayList<>();
        for (RateLimit limit : policy.rateLimits()) {
            keyOf(limit.scope(), client, sender, recipient).ifPresent(key -> states.add(new RateLimitStateDto(limit.name(), limit.asEntry(), key,
                limiter.get().count(limit, key), limit.max(), limit.window().map(window -> window.toSeconds()).orElse(null))));
        }
        return new LimitsDto(false, errorLimits, lockout, failedLogins, states);
    }

    private static Optional<String> keyOf(RateLimit.Scope scope, ClientContext client, String sender, String recipient) {
        switch (scope) {
            case CLIENT:
                return Optional.of(client.address().getHostAddress());
            case NETWORK:
                return Optional.of(AuthFailureGuard.networkOf(client.address()));
            case LOGIN:
                return client.login().map(login -> login.toLowerCase(Locale.ROOT));
            case SENDER_DOMAIN:
                return domainOf(sender);
            default:
                return domainOf(recipient);
        }
    }

    private static Optional<String> domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).replace(">", "").toLowerCase(Locale.ROOT));
    }
}
