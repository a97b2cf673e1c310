package org.jamesrelay.health;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.jamesrelay.core.Antivirus;
import org.jamesrelay.filter.ClamdClient;
import org.jamesrelay.james.RelayPolicyService;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The clamd of the policy's {@code antivirus} entry answers PING. When it does not, mail is refused or deferred
 * ({@code on-failure=reject|tempfail}: unhealthy) or relayed unscanned ({@code on-failure=accept}: degraded). Healthy
 * when no antivirus is configured. The policy service is looked up at the first check, as in
 * {@link RelayPolicyHealthCheck}.
 */
public class AntivirusHealthCheck implements HealthCheck {
    static final ComponentName COMPONENT = new ComponentName("James Relay antivirus");

    private final Provider<RelayPolicyService> policyService;

    @Inject
    public AntivirusHealthCheck(Provider<RelayPolicyService> policyService) {
        this.policyService = policyService;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::result).subscribeOn(Schedulers.boundedElastic());
    }

    Result result() {
        Optional<Antivirus> antivirus = policyService.get().policy().filters().antivirus();
        if (antivirus.isEmpty()) {
            return Result.healthy(COMPONENT);
        }
        ClamdClient clamd = new ClamdClient(antivirus.get().clamd().host(), antivirus.get().clamd().port(), antivirus.get().timeout());
        if (clamd.ping()) {
            return Result.healthy(COMPONENT);
        }
        String problem = "clamd at " + antivirus.get().clamd().asString() + " does not answer PING: ";
        return antivirus.get().onFailure() == Antivirus.OnFailure.ACCEPT
            ? Result.degraded(COMPONENT, problem + "mail is relayed unscanned (on-failure=accept)")
            : Result.unhealthy(COMPONENT, problem + "mail is refused (on-failure=" + antivirus.get().onFailure().keyword() + ")");
    }
}
