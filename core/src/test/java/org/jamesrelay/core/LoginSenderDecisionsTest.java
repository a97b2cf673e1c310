package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginSenderDecisionsTest {
    @Test
    void acceptedSenderShouldNameTheLoginInItsRule() {
        Decision decision = new LoginSenderDecisions().accepted("alice@local.test");

        assertThat(decision)
            .extracting(Decision::verdict, d -> d.reply().asString(), Decision::ruleId)
            .containsExactly(Verdict.SENDER_ACCEPTED, "250 2.1.0 Sender OK", "sender-login:alice@local.test");
    }

    @Test
    void loginSeenBeforeShouldGetTheDecisionMadeForIt() {
        LoginSenderDecisions decisions = new LoginSenderDecisions();
        Decision first = decisions.accepted("alice@local.test");
        decisions.accepted("bob@local.test");

        assertThat(decisions.accepted(new String("alice@local.test"))).isSameAs(first);
        assertThat(decisions.accepted("bob@local.test").ruleId()).isEqualTo("sender-login:bob@local.test");
    }

    @Test
    void loginsBeyondTheBoundShouldGetANewDecisionEachTime() {
        LoginSenderDecisions decisions = new LoginSenderDecisions(2);
        Decision alice = decisions.accepted("alice@local.test");
        Decision bob = decisions.accepted("bob@local.test");
        Decision carol = decisions.accepted("carol@local.test");

        assertThat(decisions.accepted("carol@local.test")).isNotSameAs(carol).isEqualTo(carol);
        assertThat(decisions.accepted("alice@local.test")).isSameAs(alice);
        assertThat(decisions.accepted("bob@local.test")).isSameAs(bob);
    }
}
