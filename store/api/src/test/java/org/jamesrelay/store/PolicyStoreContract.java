package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
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
    default void aStreamedReadShouldGiveTheTextAndVersionThatReadGives() throws Exception {
        StringBuilder text = new StringBuilder("# \u00e9t\u00e9 \u2603\r\n").append(POLICY);
        for (int i = 0; text.length() < 1_200_000; i++) {
            text.append("relay-recipient \u00e9l\u00e8ve").append(i).append("@relay.test # \u2603\n");
        }
        store().write(text.toString(), StoredPolicy.NO_VERSION, ADD_NETWORK);

        Versioned<String> streamed = store().read(PolicyStoreContract::wholeText).orElseThrow();

        StoredPolicy stored = store().read().orElseThrow();
        assertThat(streamed.value()).isEqualTo(stored.text()).isEqualTo(text.toString());
        assertThat(streamed.version()).isEqualTo(stored.version());
    }

    @Test
    default void aStreamedWriteShouldStoreWhatAWholeWriteStores() throws Exception {
        StringBuilder text = new StringBuilder("# \u00e9t\u00e9 \u2603\r\n").append(POLICY);
        for (int i = 0; text.length() < 1_200_000; i++) {
            text.append("relay-recipient \u00e9l\u00e8ve").append(i).append("@relay.test # \u2603\n");
        }
        long first = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();

        long written = store().writeStreamed(new StringReader(text.toString()), first, ADD_NETWORK);

        assertThat(store().read()).contains(new StoredPolicy(text.toString(), written));
        assertThat(store().audit(1)).extracting(AuditEntry::version, AuditEntry::change).containsExactly(tuple(written, ADD_NETWORK));
        assertThatThrownBy(() -> store().writeStreamed(new StringReader(OTHER_POLICY), first, ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);
        assertThat(store().read()).contains(new StoredPolicy(text.toString(), written));
    }

    @Test
    default void aStreamedReadShouldBeEmptyWhenNothingIsStored() throws Exception {
        assertThat(store().read(PolicyStoreContract::wholeText)).isEmpty();
    }

    @Test
    default void aReadingThatStopsEarlyShouldHaveTheVersionOfTheWholeText() throws Exception {
        long version = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();

        Versioned<Integer> firstCharacter = store().read(Reader::read).orElseThrow();

        assertThat(firstCharacter.value()).isEqualTo((int) '#');
        assertThat(firstCharacter.version()).isEqualTo(version);
    }

    @Test
    default void theReadingsOwnFailureShouldReachTheCallerUnchanged() throws Exception {
        store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        ParseException refusal = new ParseException("not a policy", 2);

        assertThatThrownBy(() -> store().read(text -> {
            throw refusal;
        })).isSameAs(refusal);
    }

    @Test
    default void aStreamedReadShouldGiveTheTextAWrittenChangeMade() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        String changed = POLICY + "relay-recipient a@relay.test\n";

        long version = store().writeChange(TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(changed)), base, ADD_NETWORK);

        Versioned<String> streamed = store().read(PolicyStoreContract::wholeText).orElseThrow();
        assertThat(streamed.value()).isEqualTo(changed);
        assertThat(streamed.version()).isEqualTo(version);
    }

    @Test
    default void changesSinceAVersionNeverStoredShouldBeUnknown() throws Exception {
        long base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        store().writeChange(TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(OTHER_POLICY)), base, ADD_NETWORK);

        assertThat(store().changesSince(base + 12345)).isEmpty();
    }

    private static String wholeText(Reader text) throws IOException {
        StringBuilder whole = new StringBuilder();
        char[] buffer = new char[1000];
        for (int read = text.read(buffer); read != -1; read = text.read(buffer)) {
            whole.append(buffer, 0, read);
        }
        return whole.toString();
    }
}
