package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyEditorTest {
    private static final ClientContext CLIENT = ClientContext.from(InetAddress.getLoopbackAddress()).build();
    private static final PolicyChange ADD = new PolicyChange("admin", "add relay-domain", "", "relay-domain added.test");

    private MemoryPolicyStore store;
    private RelayPolicyService service;
    private PolicyEditor editor;

    @BeforeEach
    void setUp() {
        store = MemoryPolicyStore.holding("# relay domains\nrelay-domain relay.test\n");
        service = new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        editor = new PolicyEditor(service);
    }

    @Test
    void editShouldBeStoredAuditedAndAppliedAtOnce() throws Exception {
        editor.edit(ADD, document -> document.add("relay-domain added.test"));

        assertThat(store.read().orElseThrow().text()).isEqualTo("# relay domains\nrelay-domain relay.test\nrelay-domain added.test\n");
        assertThat(store.audit(1)).extracting(entry -> entry.change()).containsExactly(ADD);
        assertThat(service.decider().decideRecipient(CLIENT, "<a@outside.example>", "b@added.test").verdict()).isEqualTo(Verdict.RELAY_DOMAIN);
    }

    @Test
    void invalidEditShouldWriteNothing() throws Exception {
        StoredPolicy before = store.read().orElseThrow();

        assertThatThrownBy(() -> editor.edit(ADD, document -> document.add("trusted-network 10.0.0.1/8")))
            .isInstanceOf(InvalidPolicyEditException.class)
            .hasMessage("'trusted-network 10.0.0.1/8': host bits are set in 10.0.0.1/8; the network is 10.0.0.0/8");
        assertThat(store.read()).contains(before);
        assertThat(store.audit(10)).isEmpty();
    }

    @Test
    void editShouldBeRedoneOnThePolicySomeoneElseJustWrote() throws Exception {
        editor.edit(ADD, document -> {
            sneakInAConcurrentWrite();
            return document.add("relay-domain added.test");
        });

        assertThat(store.read().orElseThrow().text()).contains("relay-domain concurrent.test").contains("relay-domain added.test");
    }

    private boolean concurrentWriteDone;

    private void sneakInAConcurrentWrite() {
        if (!concurrentWriteDone) {
            concurrentWriteDone = true;
            try {
                StoredPolicy current = store.read().orElseThrow();
                store.write(current.text() + "relay-domain concurrent.test\n", current.version(), new PolicyChange("other", "add", "", ""));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void importShouldReplaceTheWholePolicyWhenValid() throws Exception {
        editor.replace("admin", "trusted-network 192.0.2.0/24\n");

        assertThat(store.read().orElseThrow().text()).isEqualTo("trusted-network 192.0.2.0/24\n");
        assertThat(store.audit(1).get(0).change().action()).isEqualTo("import");
    }

    @Test
    void invalidImportShouldBeRefusedWhole() {
        assertThatThrownBy(() -> editor.replace("admin", "relay-domain ok.test\nrelay-recipient x@missing.test\n"))
            .isInstanceOf(InvalidPolicyEditException.class)
            .hasMessageContaining("missing.test is not a relay domain");
    }
}
