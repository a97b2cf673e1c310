package org.jamesrelay.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.healthcheck.Result;
import org.apache.james.core.healthcheck.ResultStatus;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class RelayPolicyHealthCheckTest {
    private static final PolicyChange CHANGE = new PolicyChange("test", "edit", "", "");

    private final AtomicReference<LocalDirectory> directory = new AtomicReference<>(LocalDirectory.builder().localDomain("local.test").build());

    private RelayPolicyService service(MemoryPolicyStore store) {
        return new RelayPolicyService(new PolicySource(store, "test store", false, Duration.ofSeconds(1)), directory::get);
    }

    private static Result check(RelayPolicyService service) {
        return Mono.from(new RelayPolicyHealthCheck(() -> service).check()).block();
    }

    @Test
    void policyInForceShouldBeHealthy() {
        assertThat(check(service(MemoryPolicyStore.holding("relay-domain relay.test\n"))).getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void noPolicyShouldBeUnhealthy() {
        Result result = check(service(new MemoryPolicyStore(Clock.systemUTC())));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.UNHEALTHY);
        assertThat(result.getCause()).contains("no relay policy could be read from test store: every decision is a temporary failure");
    }

    @Test
    void refusedStoredPolicyShouldBeDegradedUntilAValidOneIsStored() throws Exception {
        MemoryPolicyStore store = MemoryPolicyStore.holding("relay-domain relay.test\n");
        RelayPolicyService service = service(store);

        store.write("relay-domian typo.test\n", store.read().orElseThrow().version(), CHANGE);
        service.refresh();
        Result refused = check(service);
        store.write("relay-domain relay.test\nrelay-domain fixed.test\n", store.read().orElseThrow().version(), CHANGE);
        service.refresh();

        assertThat(refused.getStatus()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(refused.getCause().orElseThrow()).startsWith("the stored policy is not applied, an older one is in force: "
            + "Invalid relay policy: test store:1: 'relay-domian typo.test': unknown entry 'relay-domian'");
        assertThat(check(service).getStatus()).isEqualTo(ResultStatus.HEALTHY);
    }

    @Test
    void relayDomainThatBecameLocalShouldBeDegraded() {
        RelayPolicyService service = service(MemoryPolicyStore.holding("relay-domain relay.test\nrelay-domain backup.test\n"));

        directory.set(LocalDirectory.builder().localDomain("local.test").localDomain("relay.test").build());
        service.refresh();

        assertThat(check(service).getCause()).contains("relay domains that are also local domains of James, forwarded instead of delivered "
            + "to their mailboxes: relay.test");
    }
}
