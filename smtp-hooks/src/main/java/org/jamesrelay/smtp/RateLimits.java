package org.jamesrelay.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.RateLimit;
import org.jamesrelay.core.RateLimiter;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a session's event against the policy's {@link RateLimit}s of one kind, each with the key of its scope:
 * the client's address or network, its login, the sender's domain or the recipient's domain. A limit whose key the
 * session does not have (no login yet, null sender) does not apply. The first limit exceeded names the refusal.
 */
public class RateLimits {
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.limits");
    private static final ProtocolSession.AttachmentKey<String> NETWORK =
        ProtocolSession.AttachmentKey.of("org.jamesrelay.network", String.class);

    private final RelayPolicyService policyService;
    private final RateLimiter limiter;

    @Inject
    public RateLimits(RelayPolicyService policyService, RateLimiter limiter) {
        this.policyService = policyService;
        this.limiter = limiter;
    }

    /** The event's keys beyond the client: login, sender domain, recipient domain, each possibly absent. */
    static final class Keys {
        static final Keys NONE = new Keys(null, null);

        private final String senderDomain;
        private final String recipientDomain;

        Keys(String senderDomain, String recipientDomain) {
            this.senderDomain = senderDomain;
            this.recipientDomain = recipientDomain;
        }
    }

    /** A limit that refused, and how long the client should wait. */
    static final class Exceeded {
        private final RateLimit limit;
        private final long retrySeconds;

        Exceeded(RateLimit limit, long retrySeconds) {
            this.limit = limit;
            this.retrySeconds = retrySeconds;
        }

        RateLimit limit() {
            return limit;
        }

        /** {@code 4.7.x Error: rate limit "NAME" exceeded, try again in N s}. */
        String description(String enhancedStatus) {
            return enhancedStatus + " Error: rate limit \"" + limit.name() + "\" exceeded, try again in " + retrySeconds + " s";
        }
    }

    /** Counts {@code amount} under every limit of this kind; the first one exceeded, if any (those before it have counted). */
    Optional<Exceeded> acquire(SMTPSession session, RateLimit.Counted counted, Keys keys, long amount) {
        RelayPolicy policy = policyService.policy();
        List<RateLimit> limits = policy.rateLimits();
        if (limits.isEmpty() || policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            return Optional.empty();
        }
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            String key = limit.counted() == counted ? keyOf(limit.scope(), session, keys) : null;
            if (key != null) {
                long retry = limiter.tryAcquire(limit, key, amount);
                if (retry != RateLimiter.ACQUIRED) {
                    LOGGER.info("rate limit exceeded: name={} scope={} key={} client={}", limit.name(), limit.scope().keyword(), key,
                        session.getRemoteAddress().getAddress().getHostAddress());
                    return Optional.of(new Exceeded(limit, retry));
                }
            }
        }
        return Optional.empty();
    }

    /** The key of {@code scope} for this session, or null when the session has none. */
    String keyOf(RateLimit.Scope scope, SMTPSession session, Keys keys) {
        switch (scope) {
            case CLIENT:
                return session.getRemoteAddress().getAddress().getHostAddress();
            case NETWORK:
                return session.getAttachment(NETWORK, ProtocolSession.State.Connection).orElseGet(() -> {
                    String network = AuthFailureGuard.networkOf(session.getRemoteAddress().getAddress());
                    session.setAttachment(NETWORK, network, ProtocolSession.State.Connection);
                    return network;
                });
            case LOGIN:
                Username username = session.getUsername();
                return username == null ? null : username.asString().toLowerCase(Locale.ROOT);
            case SENDER_DOMAIN:
                return keys.senderDomain;
            default:
                return keys.recipientDomain;
        }
    }

    /** The limits of this kind that {@link #acquire} checks for this session, in policy order. */
    List<RateLimit> applying(SMTPSession session, RateLimit.Counted counted) {
        RelayPolicy policy = policyService.policy();
        if (policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            return List.of();
        }
        return policy.rateLimits().stream().filter(limit -> limit.counted() == counted).collect(java.util.stream.Collectors.toList());
    }

    void release(RateLimit limit, String key) {
        limiter.releaseSession(limit, key);
    }
}
