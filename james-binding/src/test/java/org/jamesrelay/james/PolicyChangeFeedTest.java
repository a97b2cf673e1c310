package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one store: an edit made through one reaches the other as a change, not as the whole text. */
class PolicyChangeFeedTest {
    private static final String POLICY = "relay-domain relay.test\nrelay-recipient known@relay.test\n";
    private static final PolicyChange ADD = new PolicyChange("admin", "add relay-recipient", "", "relay-recipient new@relay.test");

    private final MemoryPolicyStore shared = MemoryPolicyStore.holding(POLICY);
    private final AtomicInteger wholeReads = new AtomicInteger();
    private RelayPolicyService writer;
    private RelayPolicyService reader;

    @BeforeEach
    void setUp() {
        writer = service(shared);
        reader = service(new CountingStore());
        wholeReads.set(0);
    }

    @Test
    void anEditShouldReachTheOtherNodeAsAChange() throws Exception {
        new PolicyEditor(writer, new OwnListeners(() -> Optional.of(List.of())))
            .edit(ADD, document -> document.add("relay-recipient new@relay.test"));

        reader.refreshPolicy();

        assertThat(accepts(reader, "new@relay.test")).isTrue();
        assertThat(reader.policyVersion()).isEqualTo(shared.version());
        assertThat(reader.policy()).isEqualTo(writer.policy());
        assertThat(wholeReads).hasValue(0);
    }

    @Test
    void aWholeWriteShouldBeReadWhole() throws Exception {
        shared.write(POLICY + "relay-recipient imported@relay.test\n", shared.version(), ADD);

        reader.refreshPolicy();

        assertThat(accepts(reader, "imported@relay.test")).isTrue();
        assertThat(wholeReads).hasValue(1);
    }

    @Test
    void aChangeThatMakesThePolicyInvalidShouldBeReadWholeAndRefused() throws Exception {
        long version = shared.version();
        shared.writeChange(TextDiff.between(TextDiff.lines(POLICY), List.of("relay-recipient known@relay.test")), version, ADD);

        reader.refreshPolicy();

        assertThat(reader.policyVersion()).isEqualTo(version);
        assertThat(reader.storedPolicyRefusal()).hasValueSatisfying(why -> assertThat(why).contains("relay.test is not a relay domain"));
        assertThat(wholeReads).hasValue(1);
    }

    private static boolean accepts(RelayPolicyService service, String recipient) throws Exception {
        return service.policy().relayDomain("relay.test").orElseThrow().accepts(EnvelopeAddress.parse(recipient));
    }

    private static RelayPolicyService service(PolicyStore store) {
        return new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().build());
    }

    /** The shared store, counting the reads of the whole text. */
    private final class CountingStore implements PolicyStore {
        @Override
        public Optional<StoredPolicy> read() {
            wholeReads.incrementAndGet();
            return shared.read();
        }

        @Override
        public long version() {
            return shared.version();
        }

        @Override
        public Optional<List<TextChange>> changesSince(long version) {
            return shared.changesSince(version);
        }

        @Override
        public StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
            return shared.write(text, expectedVersion, change);
        }

        @Override
        public List<AuditEntry> audit(int limit) {
            return shared.audit(limit);
        }
    }
}
