package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderFromDecisionTest {
    private static final LocalDirectory DIRECTORY = LocalDirectory.builder()
        .localDomain("local.test")
        .alias("postmaster@local.test", "alice@local.test")
        .build();
    private static final RelayPolicy CHECKING = RelayPolicy.builder()
        .headerFromMustBeOwned(true)
        .senderLogin(new SenderLogin("alice@local.test", List.of(AddressPattern.parse("@sales.local.test")), false))
        .build();
    private static final ClientContext ALICE = ClientContext.from(IpAddresses.parse("127.0.0.2")).login("alice@local.test").tls(true).build();
    private static final ClientContext ANONYMOUS = ClientContext.from(IpAddresses.parse("127.0.0.2")).build();

    private static Decision decide(RelayPolicy policy, ClientContext client, String... from) {
        return new PolicyDecider(policy, DIRECTORY).decideHeaderFrom(client, List.of(from));
    }

    @Test
    void ownedAuthorsShouldBeAccepted() {
        Decision decision = decide(CHECKING, ALICE, "alice@local.test", "Postmaster@Local.Test", "x@sales.local.test");

        assertThat(decision.verdict()).isEqualTo(Verdict.SENDER_ACCEPTED);
    }

    @Test
    void authorTheLoginDoesNotOwnShouldBeRefused() {
        Decision decision = decide(CHECKING, ALICE, "alice@local.test", "bob@local.test");

        assertThat(decision.reply().asString()).isEqualTo("550 5.7.1 From: header address <bob@local.test> is not owned by user alice@local.test");
        assertThat(decision.ruleId()).isEqualTo("header-from-must-be-owned");
    }

    @Test
    void unreadableAuthorShouldBeRefused() {
        Decision decision = decide(CHECKING, ALICE, "not an\u0001address");

        assertThat(decision.reply().asString()).startsWith("550 5.7.1 From: header address 'not an\\x01address' is not valid: ");
    }

    @Test
    void anonymousClientsShouldNotBeChecked() {
        assertThat(decide(CHECKING, ANONYMOUS, "bob@local.test").isAccepted()).isTrue();
    }

    @Test
    void nothingShouldBeCheckedUnlessThePolicySaysSo() {
        assertThat(decide(RelayPolicy.empty(), ALICE, "bob@local.test").isAccepted()).isTrue();
    }

    @Test
    void failClosedDeciderShouldRefuseTemporarily() {
        assertThat(RelayDecider.failClosed("test").decideHeaderFrom(ALICE, List.of("alice@local.test")).reply().code()).isEqualTo(451);
    }
}
