package org.jamesrelay.smtp;

import java.time.Duration;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.james.PolicySource;
import org.jamesrelay.james.RelayPolicyService;
import org.jamesrelay.store.MemoryPolicyStore;

/**
 * Policy services for the hooks: one that applies the given policy over a directory where {@code local.test} is
 * local and {@code alias@local.test} reaches the login {@code alice@local.test}, and one that cannot read James's
 * directory, so that every decision is a temporary failure.
 */
final class Policies {
    static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .alias("alias@local.test", "alice@local.test")
        .build();

    private Policies() {
    }

    static RelayPolicyService applying(String... lines) {
        return new RelayPolicyService(source(lines), () -> DIRECTORY);
    }

    static RelayPolicyService unavailable() {
        return new RelayPolicyService(source("relay-domain relay.test"), () -> {
            throw new IllegalStateException("James's domain list is unreachable");
        });
    }

    private static PolicySource source(String... lines) {
        return new PolicySource(MemoryPolicyStore.holding(String.join("\n", lines) + "\n"), "test policy", true, Duration.ofSeconds(1));
    }
}
