package org.jamesrelay.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.StoredPolicy;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * The relay policy in force: unhealthy while there is none (every decision is then a temporary failure); degraded
 * when the store has not been read for {@link #STALE_AFTER_REFRESHES} refresh intervals (unreachable), when the
 * stored policy was refused (invalid or empty: an older one is in force), or when a relay domain has become a local
 * domain of James since it was added (its mail is forwarded, not delivered to the mailboxes).
 * <p>
 * James builds its health checks before it configures its domain list, and the policy service reads the domains when
 * it is built: so the service is looked up at the first check, not when this check is built.
 */
public class RelayPolicyHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("James Relay policy");
    static final int STALE_AFTER_REFRESHES = 5;

    private final Provider<RelayPolicyService> policyService;

    @Inject
    public RelayPolicyHealthCheck(Provider<RelayPolicyService> policyService) {
        this.policyService = policyService;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::result);
    }

    Result result() {
        RelayPolicyService policy = policyService.get();
        if (policy.policyVersion() == StoredPolicy.NO_VERSION) {
            return Result.unhealthy(COMPONENT, "no relay policy could be read from " + policy.sourceName()
                + ": every decision is a temporary failure");
        }
        Duration staleAfter = policy.refreshInterval().multipliedBy(STALE_AFTER_REFRESHES);
        Optional<Duration> sinceRead = policy.lastSuccessfulRead().map(read -> Duration.between(read, Instant.now()));
        if (sinceRead.isEmpty() || sinceRead.get().compareTo(staleAfter) > 0) {
            return Result.degraded(COMPONENT, policy.sourceName() + " could not be read for "
                + sinceRead.map(since -> since.toSeconds() + " s").orElse("ever") + ": the policy in force may be stale");
        }
        Optional<String> refusal = policy.storedPolicyRefusal();
        if (refusal.isPresent()) {
            return Result.degraded(COMPONENT, "the stored policy is not applied, an older one is in force: " + refusal.get());
        }
        List<String> localRelayDomains = localRelayDomains(policy);
        if (!localRelayDomains.isEmpty()) {
            return Result.degraded(COMPONENT, "relay domains that are also local domains of James, forwarded instead of delivered "
                + "to their mailboxes: " + String.join(", ", localRelayDomains));
        }
        return Result.healthy(COMPONENT);
    }

    private static List<String> localRelayDomains(RelayPolicyService policy) {
        Optional<LocalDirectory> directory = policy.directory();
        return policy.policy().relayDomains().keySet().stream()
            .filter(domain -> directory.map(local -> local.isLocalDomain(domain)).orElse(false))
            .sorted()
            .collect(Collectors.toList());
    }
}
