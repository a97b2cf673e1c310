package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PolicyDeciderWithAliasesTest {
    private static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .domainAlias("alias.test", "local.test")
        .build();
    private static final PolicyDecider DECIDER = new PolicyDecider(RelayPolicy.empty(), DIRECTORY);
    private static final ClientContext ALICE = ClientContext.from(IpAddresses.parse("198.51.100.7"))
        .login("alice@local.test").tls(true).build();

    @Test
    void anAliasLookedUpShouldBeASenderOfItsLogin() {
        PolicyDecider withAliases = DECIDER.withAliases(Map.of("sales@local.test", Set.of("alice@local.test")));

        assertThat(DECIDER.decideSender(ALICE, "sales@local.test").verdict()).isEqualTo(Verdict.DENY);
        assertThat(withAliases.decideSender(ALICE, "sales@local.test").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
    }

    @Test
    void theDomainsShouldBeKept() {
        PolicyDecider withAliases = DECIDER.withAliases(Map.of("sales@local.test", Set.of("alice@local.test")));

        assertThat(withAliases.decideRecipient(ALICE, "sales@local.test", "bob@local.test").verdict()).isEqualTo(Verdict.LOCAL);
        assertThat(withAliases.decideSender(ALICE, "alice@alias.test").verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
    }

    @Test
    void noAliasShouldLeaveTheDeciderAsItIs() {
        assertThat(DECIDER.withAliases(Map.of())).isSameAs(DECIDER);
    }
}
