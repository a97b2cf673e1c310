package org.jamesrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RelayDomainTest {
    @Test
    void aDomainWithoutRecipientListShouldAcceptAnyone() throws Exception {
        RelayDomain domain = RelayDomain.anyRecipient("backup.test");

        assertThat(domain.accepts(EnvelopeAddress.parse("anyone@backup.test"))).isTrue();
        assertThat(domain.recipients()).isEmpty();
        assertThat(domain).isEqualTo(new RelayDomain("backup.test", Optional.empty()));
    }

    @Test
    void aDomainWithAnEmptyRecipientListShouldAcceptNobody() throws Exception {
        RelayDomain domain = new RelayDomain("closed.test", Optional.of(Set.of()));

        assertThat(domain.accepts(EnvelopeAddress.parse("anyone@closed.test"))).isFalse();
        assertThat(domain.recipients()).contains(Set.of());
        assertThat(domain).isNotEqualTo(RelayDomain.anyRecipient("closed.test"));
    }

    @Test
    void aParsedDomainShouldEqualOneBuiltFromTheSameKeys() throws Exception {
        RelayPolicy policy = PolicyFileParser.parse("p", "relay-domain relay.test\nrelay-recipient Sales@relay.test\nrelay-recipient info@relay.test\n");
        RelayDomain built = new RelayDomain("relay.test", Optional.of(Set.of("info@relay.test", "sales@relay.test")));

        assertThat(policy.relayDomain("relay.test")).contains(built);
        assertThat(policy.relayDomain("relay.test").orElseThrow()).hasSameHashCodeAs(built);
        assertThat(built.recipients()).contains(Set.of("info@relay.test", "sales@relay.test"));
        assertThat(built.recipientTable().map(RecipientTable::size)).contains(2);
    }

    @Test
    void recipientsOfAnotherDomainShouldBeRefused() {
        RecipientTable others = RecipientTable.of("other.test", Set.of("info@other.test"));

        assertThatThrownBy(() -> RelayDomain.withRecipients("relay.test", others)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelayDomain("relay.test", Optional.of(Set.of("info@other.test")))).isInstanceOf(IllegalArgumentException.class);
    }
}
