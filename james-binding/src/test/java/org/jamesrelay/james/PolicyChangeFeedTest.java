package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one store: an edit made through one reaches the other as a change, not as the whole text. */
class PolicyChangeFeedTest {
    private static final String POLICY = "relay-domain relay.test\nrelay-recipient known@relay.test\n";
    private static final PolicyChange ADD = new PolicyChange("admin", "add relay-recipient", "", "relay-recipient new@relay.test");

    private final MemoryPolicyStore shared = MemoryPolicyStore.holding(POLICY);
    private final CountingPolicyStore counting = new CountingPolicyStore(shared);
    private RelayPolicyService writer;
    private RelayPolicyService reader;

    @BeforeEach
    void setUp() {
        writer = service(shared);
        reader = service(counting);
        counting.resetCounts();
    }

    @Test
    void anEditShouldReachTheOtherNodeAsAChange() throws Exception {
        new PolicyEditor(writer, new OwnListeners(() -> Optional.of(List.of())))
            .edit(ADD, document -> document.add("relay-recipient new@relay.test"));

        reader.refreshPolicy();

        assertThat(accepts(reader, "new@relay.test")).isTrue();
        assertThat(reader.policyVersion()).isEqualTo(shared.version());
        assertThat(reader.policy()).isEqualTo(writer.policy());
        assertThat(counting.textReads()).isEqualTo(0);
    }

    @Test
    void aWholeWriteShouldBeReadWhole() throws Exception {
        shared.write(POLICY + "relay-recipient imported@relay.test\n", shared.version(), ADD);

        reader.refreshPolicy();

        assertThat(accepts(reader, "imported@relay.test")).isTrue();
        assertThat(counting.textReads()).isEqualTo(1);
    }

    @Test
    void aChangeThatMakesThePolicyInvalidShouldBeReadWholeAndRefused() throws Exception {
        long version = shared.version();
        shared.writeChange(TextDiff.between(TextDiff.lines(POLICY), List.of("relay-recipient known@relay.test")), version, ADD);

        reader.refreshPolicy();

        assertThat(reader.policyVersion()).isEqualTo(version);
        assertThat(reader.storedPolicyRefusal()).hasValueSatisfying(why -> assertThat(why).contains("relay.test is not a relay domain"));
        assertThat(counting.textReads()).isEqualTo(1);
    }

    private static boolean accepts(RelayPolicyService service, String recipient) throws Exception {
        return service.policy().relayDomain("relay.test").orElseThrow().accepts(EnvelopeAddress.parse(recipient));
    }

    private static RelayPolicyService service(PolicyStore store) {
        return new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().build());
    }
}
