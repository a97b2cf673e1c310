package org.jamesrelay.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.store.MemoryPolicyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyEditorTest {
    private static final ClientContext CLIENT = ClientContext.from(InetAddress.getLoopbackAddress()).build();
    private static final PolicyChange ADD = new PolicyChange("admin", "add relay-domain", "", "relay-domain added.test");
    private static final PolicyChange REMOVE = new PolicyChange("admin", "remove relay-recipient", "relay-recipient a@relay.test", "");

    private MemoryPolicyStore store;
    private RelayPolicyService service;
    private PolicyEditor editor;

    @BeforeEach
    void setUp() {
        store = MemoryPolicyStore.holding("# relay domains\nrelay-domain relay.test\n");
        service = new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        editor = new PolicyEditor(service, new OwnListeners(() -> Optional.of(List.of(new InetSocketAddress("127.0.0.1", 2525)))));
    }

    @Test
    void relayDomainThatIsALocalDomainShouldBeRefused() throws Exception {
        StoredPolicy before = store.read().orElseThrow();

        assertThatThrownBy(() -> editor.edit(ADD, document -> document.add("relay-domain LOCAL.test")))
            .isInstanceOf(RefusedPolicyEditException.class)
            .hasMessage("relay domain local.test is a local domain of James: its mail would be forwarded instead of delivered to its mailboxes; "
                + "remove the domain from James first, or relay another domain");
        assertThat(store.read()).contains(before);
        assertThat(store.audit(10)).isEmpty();
    }

    @Test
    void relayDomainThatBecameLocalLaterShouldNotBlockOtherEdits() throws Exception {
        store = MemoryPolicyStore.holding("relay-domain local.test\n");
        service = new RelayPolicyService(new PolicySource(store, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        editor = new PolicyEditor(service, new OwnListeners(() -> Optional.of(List.of())));

        editor.edit(ADD, document -> document.add("relay-domain added.test"));

        assertThat(store.read().orElseThrow().text()).isEqualTo("relay-domain local.test\nrelay-domain added.test\n");
    }

    @Test
    void routeToThisServersOwnListenerShouldBeRefused() {
        assertThatThrownBy(() -> editor.edit(ADD, document -> document.add("route * [localhost]:2525")))
            .isInstanceOf(RefusedPolicyEditException.class)
            .hasMessage("route *: next hop [localhost]:2525 is an SMTP listener of this server, so its mail would loop back here");
        assertThatThrownBy(() -> editor.edit(ADD, document -> document.add("sender-route @local.test [127.0.0.1]:2526,[127.0.0.1]:2525")))
            .isInstanceOf(RefusedPolicyEditException.class)
            .hasMessage("route @local.test: next hop [127.0.0.1]:2525 is an SMTP listener of this server, so its mail would loop back here");
    }

    @Test
    void routeToAnotherPortOfThisHostShouldBeAccepted() throws Exception {
        editor.edit(ADD, document -> document.add("route * [127.0.0.1]:2526"));

        assertThat(service.policy().routes().defaultRoute()).isPresent();
    }

    @Test
    void editThatLeavesNoEntryShouldBeRefused() throws Exception {
        StoredPolicy before = store.read().orElseThrow();

        assertThatThrownBy(() -> editor.edit(ADD, document -> document.removeIf(entry -> true)))
            .isInstanceOf(RefusedPolicyEditException.class)
            .hasMessage("the policy would be left without any entry, which would refuse every relay domain's mail: an empty policy is never applied");
        assertThatThrownBy(() -> editor.replace("admin", ImportedText.of("# nothing left\n".getBytes(StandardCharsets.UTF_8)), OptionalLong.empty()))
            .isInstanceOf(RefusedPolicyEditException.class);
        assertThat(store.read()).contains(before);
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
        editor.replace("admin", ImportedText.of("trusted-network 192.0.2.0/24\n".getBytes(StandardCharsets.UTF_8)), OptionalLong.empty());

        assertThat(store.read().orElseThrow().text()).isEqualTo("trusted-network 192.0.2.0/24\n");
        assertThat(store.audit(1).get(0).change())
            .isEqualTo(new PolicyChange("admin", "import", "# relay domains\nrelay-domain relay.test", "trusted-network 192.0.2.0/24"));
    }

    @Test
    void invalidImportShouldBeRefusedWhole() {
        assertThatThrownBy(() -> editor.replace("admin", ImportedText.of("relay-domain ok.test\nrelay-recipient x@missing.test\n".getBytes(StandardCharsets.UTF_8)), OptionalLong.empty()))
            .isInstanceOf(InvalidPolicyEditException.class)
            .hasMessageContaining("missing.test is not a relay domain");
    }

    @Test
    void anEditShouldReadTheStoredPolicyThroughWithoutHoldingItWhole() throws Exception {
        CountingPolicyStore counting = editCounted(
            "relay-domain relay.test\nrelay-recipient a@relay.test\nrelay-domain other.test\n");

        editor.edit(ADD, document -> document.addAfterLast(entry -> entry.is("relay-recipient", "a@relay.test"), "relay-recipient b@relay.test"));
        editor.edit(ADD, document -> document.removeIf(entry -> entry.is("relay-recipient", "a@relay.test")));

        assertThat(counting.wholeReads()).isZero();
        assertThat(counting.read().orElseThrow().text()).isEqualTo("relay-domain relay.test\nrelay-recipient b@relay.test\nrelay-domain other.test\n");
        assertThat(service.policy().relayDomain("relay.test").orElseThrow().recipientTable().orElseThrow().asSet())
            .containsExactly("b@relay.test");
    }

    @Test
    void anEditOfEntriesOtherThanRecipientsShouldReadThemFromTheSnapshotInForceNotFromTheText() throws Exception {
        CountingPolicyStore counting = editCounted(
            "relay-domain relay.test\nrelay-recipient a@relay.test\n# the gateway\nroute relay.test [127.0.0.1]:2526   # primary\n");

        editor.edit(ADD, document -> editor.withEntriesInForce(document)
            .replace(entry -> entry.is("route", "relay.test"), "route relay.test [127.0.0.1]:2527")
            .add("relay-domain other.test"));

        assertThat(counting.streamedReads()).isZero();
        assertThat(counting.read().orElseThrow().text()).isEqualTo(
            "relay-domain relay.test\nrelay-domain other.test\nrelay-recipient a@relay.test\n# the gateway\nroute relay.test [127.0.0.1]:2527   # primary\n");
    }

    @Test
    void aRecipientsRemovalPlannedOnItsLineInTheSnapshotInForceShouldReadNoText() throws Exception {
        CountingPolicyStore counting = editCounted(
            "relay-domain relay.test\nrelay-recipient a@relay.test\nrelay-recipient b@relay.test\n# the end\n");
        EnvelopeAddress removed = EnvelopeAddress.parse("a@relay.test");

        editor.edit(REMOVE, document -> document.removeLine(editor.snapshotOf(document).orElseThrow().relayRecipientLine(removed).orElseThrow(),
            "relay-recipient a@relay.test"));

        assertThat(counting.textReads()).isZero();
        assertThat(counting.read().orElseThrow().text()).isEqualTo("relay-domain relay.test\nrelay-recipient b@relay.test\n# the end\n");
        assertThat(service.policy().relayDomain("relay.test").orElseThrow().recipientTable().orElseThrow().asSet())
            .containsExactly("b@relay.test");
    }

    @Test
    void aRemovalOfALineThatDoesNotReadAsPlannedShouldWriteNothing() throws Exception {
        String text = "relay-domain relay.test\nrelay-recipient a@relay.test\nrelay-recipient b@relay.test\n";
        CountingPolicyStore counting = editCounted(text);
        long version = counting.version();

        assertThatThrownBy(() -> editor.edit(REMOVE, document -> document.removeLine(2, "relay-recipient b@relay.test")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not fit the text at line 2");

        assertThat(counting.read()).contains(new StoredPolicy(text, version));
    }

    @Test
    void aLargeImportShouldBeValidatedAndWrittenAsItIsReadAndAuditedByTheEntriesItChanges() throws Exception {
        String text = largeImport();
        int recipients = (int) text.lines().count() - 1;
        CountingPolicyStore counting = editCounted("relay-domain relay.test\n");
        byte[] imported = text.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> editor.replace("deploy", ImportedText.of(imported), OptionalLong.of(counting.version() + 1)))
            .isInstanceOf(VersionConflictException.class);
        long version = editor.replace("deploy", ImportedText.of(imported), OptionalLong.empty());

        assertThat(counting.textReads()).isZero();
        assertThat(counting.read()).contains(new StoredPolicy(text, version));
        PolicyChange audited = counting.audit(1).get(0).change();
        assertThat(audited.before()).isEmpty();
        assertThat(audited.after().split("\n")).hasSize(PolicyChange.KEPT_LINES)
            .contains("relay-recipient r0@relay.test", "relay-recipient r1@relay.test")
            .endsWith(String.format(Locale.ROOT, "[and %,d more lines]", recipients - (PolicyChange.KEPT_LINES - 1)));
        assertThat(service.policy().relayDomain("relay.test").orElseThrow().recipientTable().orElseThrow().size()).isEqualTo(recipients);
    }

    @Test
    void aLargeImportOverAPolicyThatIsNotValidShouldBeAuditedByItsSize() throws Exception {
        String text = largeImport();
        int recipients = (int) text.lines().count() - 1;
        CountingPolicyStore counting = editCounted("relay-domain relay.test\n");
        counting.write("relay-domain relay.test\nnot an entry\n", counting.version(), new PolicyChange("operator", "edit by hand", "", "not an entry"));

        editor.replace("deploy", ImportedText.of(text.getBytes(StandardCharsets.UTF_8)), OptionalLong.empty());

        assertThat(counting.audit(1).get(0).change()).isEqualTo(new PolicyChange("deploy", "import", "the whole policy (not valid)",
            String.format(Locale.ROOT, "the whole policy (%,d lines)", recipients + 1)));
    }

    /** One relay domain and enough recipients to make an import larger than {@link PolicyEditor#MAX_LOGGED_IMPORT_BYTES}. */
    private static String largeImport() {
        StringBuilder text = new StringBuilder("relay-domain relay.test\n");
        for (int recipient = 0; text.length() <= PolicyEditor.MAX_LOGGED_IMPORT_BYTES; recipient++) {
            text.append("relay-recipient r").append(recipient).append("@relay.test\n");
        }
        return text.toString();
    }

    /** This test's service and editor on a store that holds {@code text} and counts its reads from now on. */
    private CountingPolicyStore editCounted(String text) {
        CountingPolicyStore counting = new CountingPolicyStore(MemoryPolicyStore.holding(text));
        service = new RelayPolicyService(new PolicySource(counting, "test policy", true, Duration.ofSeconds(1)),
            () -> LocalDirectory.builder().localDomain("local.test").build());
        editor = new PolicyEditor(service, new OwnListeners(() -> Optional.of(List.of())));
        counting.resetCounts();
        return counting;
    }
}
