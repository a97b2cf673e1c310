package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalDirectoryTest {
    private static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .domainAlias("alias.test", "local.test")
        .alias("sales@local.test", "bob@local.test")
        .build();

    @Test
    void aliasesLookedUpShouldBeOwnedBesideThoseOfTheDirectory() throws Exception {
        LocalDirectory withAliases = DIRECTORY.withAliases(Map.of(
            "sales@local.test", Set.of("carol@local.test"),
            "postmaster@local.test", Set.of("alice@local.test")));

        assertThat(withAliases.owns("alice@local.test", EnvelopeAddress.parse("postmaster@local.test"))).isTrue();
        assertThat(withAliases.owns("carol@local.test", EnvelopeAddress.parse("sales@local.test"))).isTrue();
        assertThat(withAliases.owns("bob@local.test", EnvelopeAddress.parse("sales@local.test"))).isTrue();
        assertThat(withAliases.owns("bob@local.test", EnvelopeAddress.parse("postmaster@local.test"))).isFalse();
    }

    @Test
    void aliasesLookedUpShouldKeepDomainsAndDomainAliases() throws Exception {
        LocalDirectory withAliases = DIRECTORY.withAliases(Map.of("postmaster@local.test", Set.of("alice@local.test")));

        assertThat(withAliases.localDomains()).isEqualTo(DIRECTORY.localDomains());
        assertThat(withAliases.owns("alice@local.test", EnvelopeAddress.parse("alice@alias.test"))).isTrue();
    }

    @Test
    void theDirectoryItselfShouldNotChange() throws Exception {
        DIRECTORY.withAliases(Map.of("postmaster@local.test", Set.of("alice@local.test")));

        assertThat(DIRECTORY.owns("alice@local.test", EnvelopeAddress.parse("postmaster@local.test"))).isFalse();
    }
}
