package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jamesrelay.core.TextDiff;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every policy store has: that of a versioned text store, on policy texts. A store's test implements
 * this interface and supplies an empty store.
 */
public interface PolicyStoreContract extends VersionedTextStoreContract<StoredPolicy> {
    String POLICY = "# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain relay.test\n";
    String OTHER_POLICY = "trusted-network 127.0.0.1/32\ntrusted-network 192.0.2.0/24\n";
    PolicyChange ADD_NETWORK = new PolicyChange("admin", "add trusted-network", "", "trusted-network 192.0.2.0/24");

    /** A store with nothing in it. */
    PolicyStore store();

    /** Whether the store keeps a change log; one that does not answers every {@code changesSince} with "unknown". */
    default boolean keepsChangeLog() {
        return true;
    }

    @Override
    default VersionedTextStore<StoredPolicy> textStore() {
        return store();
    }

    @Override
    default String sampleText() {
        return POLICY;
    }

    @Override
    default String otherSampleText() {
        return OTHER_POLICY;
    }

    @Override
    default PolicyChange sampleChange() {
        return ADD_NETWORK;
    }

    @Test
    default void aWrittenChangeShouldBeInTheLogAndMakeTheText() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        List<String> lines = TextDiff.lines(POLICY);
        List<String> added = new ArrayList<>(lines);
        added.add("relay-recipient a@relay.test");
        TextDiff addition = TextDiff.between(lines, added);
        List<String> moved = new ArrayList<>(added);
        moved.remove(1);
        TextDiff removal = TextDiff.between(added, moved);

        long first = store().writeChange(addition, base, ADD_NETWORK);
        long second = store().writeChange(removal, first, ADD_NETWORK);

        assertThat(store().read().orElseThrow()).isEqualTo(new StoredPolicy(TextDiff.text(moved), second));
        assertThat(store().version()).isEqualTo(second);
        if (keepsChangeLog()) {
            assertThat(store().changesSince(base)).contains(List.of(new TextChange(first, addition), new TextChange(second, removal)));
            assertThat(store().changesSince(first)).contains(List.of(new TextChange(second, removal)));
            assertThat(store().changesSince(second)).contains(List.of());
        } else {
            assertThat(store().changesSince(base)).isEmpty();
        }
        assertThat(store().audit(1).get(0).version()).isEqualTo(second);
    }

    @Test
    default void aChangeShouldBeWrittenOnlyOnTheVersionItWasMadeTo() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        TextDiff addition = TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(POLICY + "relay-recipient a@relay.test\n"));
        store().writeChange(addition, base, ADD_NETWORK);

        assertThatThrownBy(() -> store().writeChange(addition, base, ADD_NETWORK)).isInstanceOf(VersionConflictException.class);
    }

    @Test
    default void aWholeWriteShouldLeaveReadersToReadTheWholeText() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        long edited = store().writeChange(TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(OTHER_POLICY)), base, ADD_NETWORK);
        store().write(POLICY + "# imported\n", edited, ADD_NETWORK);

        assertThat(store().changesSince(base)).isEmpty();
        assertThat(store().changesSince(edited)).isEmpty();
    }

    @Test
    default void changesSinceAVersionNeverStoredShouldBeUnknown() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        store().writeChange(TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(OTHER_POLICY)), base, ADD_NETWORK);

        assertThat(store().changesSince(base + 12345)).isEmpty();
    }
}
