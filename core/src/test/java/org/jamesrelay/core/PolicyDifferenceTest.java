package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PolicyDifferenceTest {
    private static final String POLICY = String.join("\n",
        "# the policy",
        "trusted-network 127.0.0.1/32",
        "relay-domain a.test",
        "relay-recipient anna@a.test",
        "relay-recipient bob@a.test",
        "relay-domain b.test",
        "relay-recipient carl@b.test",
        "");

    @Test
    void samePolicyWrittenInAnotherOrderShouldDifferInNothing() throws PolicyFileException {
        String reordered = String.join("\n",
            "relay-domain b.test",
            "relay-recipient Carl@b.test",
            "relay-domain a.test",
            "relay-recipient bob@a.test",
            "relay-recipient anna@a.test",
            "# another comment",
            "trusted-network 127.0.0.1/32",
            "");

        Recorded difference = between(POLICY, reordered);

        assertThat(difference.removed).isEmpty();
        assertThat(difference.added).isEmpty();
    }

    @Test
    void recipientsShouldBeToldByTheirKeysDomainByDomainInOrder() throws PolicyFileException {
        String changed = String.join("\n",
            "trusted-network 127.0.0.1/32",
            "relay-domain b.test",
            "relay-recipient Dora@b.test",
            "relay-recipient carl@b.test",
            "relay-domain a.test",
            "relay-recipient anna@a.test",
            "relay-recipient aaron@a.test",
            "relay-recipient zoe@a.test",
            "");

        Recorded difference = between(POLICY, changed);

        assertThat(difference.removed).containsExactly("relay-recipient bob@a.test");
        assertThat(difference.added).containsExactly("relay-recipient aaron@a.test", "relay-recipient zoe@a.test", "relay-recipient dora@b.test");
    }

    @Test
    void otherEntriesShouldBeComparedAsWrittenAndCountedAsOftenAsTheyDiffer() throws PolicyFileException {
        String changed = String.join("\n",
            "trusted-network 127.0.0.2/32",
            "relay-domain a.test",
            "relay-recipient anna@a.test",
            "relay-recipient bob@a.test",
            "relay-domain b.test",
            "relay-recipient carl@b.test",
            "route a.test [127.0.0.1]:2525",
            "");

        Recorded difference = between(POLICY, changed);

        assertThat(difference.removed).containsExactly("trusted-network 127.0.0.1/32");
        assertThat(difference.added).containsExactly("trusted-network 127.0.0.2/32", "route a.test [127.0.0.1]:2525");
    }

    @Test
    void aDomainGoneShouldTakeItsRecipientsAndANewOneBringItsOwn() throws PolicyFileException {
        String changed = String.join("\n",
            "trusted-network 127.0.0.1/32",
            "relay-domain a.test",
            "relay-recipient anna@a.test",
            "relay-recipient bob@a.test",
            "relay-domain c.test",
            "relay-recipient eve@c.test",
            "");

        Recorded difference = between(POLICY, changed);

        assertThat(difference.removed).containsExactly("relay-domain b.test", "relay-recipient carl@b.test");
        assertThat(difference.added).containsExactly("relay-domain c.test", "relay-recipient eve@c.test");
    }

    @Test
    void aDomainThatDropsItsTableShouldLoseItsRecipients() throws PolicyFileException {
        String changed = POLICY.replace("relay-recipient carl@b.test\n", "");

        Recorded difference = between(POLICY, changed);

        assertThat(difference.removed).containsExactly("relay-recipient carl@b.test");
        assertThat(difference.added).isEmpty();
    }

    private static Recorded between(String before, String after) throws PolicyFileException {
        Recorded recorded = new Recorded();
        PolicyDifference.between(PolicySnapshot.parse("before", before), PolicySnapshot.parse("after", after), recorded.removed::add, recorded.added::add);
        return recorded;
    }

    private static final class Recorded {
        private final List<String> removed = new ArrayList<>();
        private final List<String> added = new ArrayList<>();
    }
}
