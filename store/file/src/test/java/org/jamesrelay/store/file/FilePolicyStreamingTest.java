package org.jamesrelay.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jamesrelay.store.PolicyStoreContract.ADD_NETWORK;
import static org.jamesrelay.store.PolicyStoreContract.POLICY;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.VersionConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file read, hashed and changed as it streams, so that a policy of millions of lines is never held whole. */
class FilePolicyStreamingTest {
    private static final String HAND_EDITED = "# \u00e9t\u00e9\r\ntrusted-network 127.0.0.1/32\r\nrelay-domain relay.test\r\n"
        + "relay-recipient a@relay.test\r\nrelay-recipient b@relay.test";
    private static final byte[] MALFORMED = {'#', ' ', (byte) 0xC3, '(', '\n'};

    @TempDir
    Path folder;

    private FilePolicyStore storeIn(String name) throws Exception {
        Files.createDirectories(folder.resolve(name));
        return new FilePolicyStore(folder.resolve(name + "/relay-policy.conf"), folder.resolve(name + "/audit.log"), Clock.systemUTC());
    }

    @Test
    void malformedUtf8ShouldBeAStoreFailureNamingTheFile() throws Exception {
        FilePolicyStore store = storeIn("conf");
        Files.write(store.policyFile(), concat("trusted-network 127.0.0.1/32\n".getBytes(StandardCharsets.US_ASCII), MALFORMED));

        assertThatThrownBy(() -> store.read(text -> new BufferedReader(text).readLine()))
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining(store.policyFile().toString());
    }

    @Test
    void aStreamedChangeShouldMakeTheFileAndVersionOfAWholeWriteOfTheChangedText() throws Exception {
        FilePolicyStore streamed = storeIn("streamed");
        FilePolicyStore whole = storeIn("whole");
        Files.writeString(streamed.policyFile(), HAND_EDITED, StandardCharsets.UTF_8);
        List<String> before = TextDiff.lines(HAND_EDITED);
        List<String> after = new ArrayList<>(before);
        after.remove(3);
        after.add("relay-recipient \u00e9l\u00e8ve@relay.test");
        TextDiff diff = TextDiff.between(before, after);

        long version = streamed.writeChange(diff, streamed.version(), ADD_NETWORK);
        StoredPolicy written = whole.write(TextDiff.text(after), StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(Files.readAllBytes(streamed.policyFile())).isEqualTo(Files.readAllBytes(whole.policyFile()));
        assertThat(version).isEqualTo(written.version()).isEqualTo(FilePolicyStore.versionOf(TextDiff.text(after)));
        assertThat(streamed.version()).isEqualTo(version);
    }

    @Test
    void aChangeToAnotherVersionShouldLeaveTheFileAndNoTemporaryFile() throws Exception {
        FilePolicyStore store = storeIn("conf");
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        Files.writeString(store.policyFile(), HAND_EDITED, StandardCharsets.UTF_8);
        TextDiff addition = TextDiff.between(TextDiff.lines(POLICY), TextDiff.lines(POLICY + "relay-recipient c@relay.test\n"));

        assertThatThrownBy(() -> store.writeChange(addition, base, ADD_NETWORK)).isInstanceOf(VersionConflictException.class);

        assertThat(Files.readString(store.policyFile())).isEqualTo(HAND_EDITED);
        assertThat(filesIn("conf")).containsExactlyInAnyOrder("relay-policy.conf", "relay-policy.conf.lock", "audit.log");
        assertThat(store.audit(10)).hasSize(1);
    }

    @Test
    void aChangeThatDoesNotFitAnotherVersionShouldBeAConflict() throws Exception {
        FilePolicyStore store = storeIn("conf");
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        Files.writeString(store.policyFile(), "trusted-network 127.0.0.1/32\n", StandardCharsets.UTF_8);
        TextDiff removal = TextDiff.between(TextDiff.lines(POLICY), List.of());

        assertThatThrownBy(() -> store.writeChange(removal, base, ADD_NETWORK)).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void aChangeThatDoesNotFitTheTextShouldLeaveTheFileAndNoTemporaryFile() throws Exception {
        FilePolicyStore store = storeIn("conf");
        long base = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK).version();
        TextDiff misfit = new TextDiff(List.of(new TextDiff.Hunk(1, List.of("relay-domain other.test"), List.of())));

        assertThatThrownBy(() -> store.writeChange(misfit, base, ADD_NETWORK)).isInstanceOf(IllegalArgumentException.class);

        assertThat(Files.readString(store.policyFile())).isEqualTo(POLICY);
        assertThat(filesIn("conf")).containsExactlyInAnyOrder("relay-policy.conf", "relay-policy.conf.lock", "audit.log");
    }

    @Test
    void aChangeOfAMalformedFileShouldFailAndLeaveIt() throws Exception {
        FilePolicyStore store = storeIn("conf");
        Files.write(store.policyFile(), MALFORMED);
        long version = store.version();
        TextDiff addition = new TextDiff(List.of(new TextDiff.Hunk(1, List.of(), List.of("relay-domain relay.test"))));

        assertThatThrownBy(() -> store.writeChange(addition, version, ADD_NETWORK))
            .isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining(store.policyFile().toString());

        assertThat(Files.readAllBytes(store.policyFile())).isEqualTo(MALFORMED);
        assertThat(filesIn("conf")).containsExactlyInAnyOrder("relay-policy.conf", "relay-policy.conf.lock");
    }

    @Test
    void aFirstChangeShouldCreateTheFile() throws Exception {
        FilePolicyStore store = storeIn("conf");
        TextDiff creation = new TextDiff(List.of(new TextDiff.Hunk(0, List.of(), TextDiff.lines(POLICY))));

        long version = store.writeChange(creation, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store.read()).contains(new StoredPolicy(POLICY, version));
    }

    private List<String> filesIn(String name) throws Exception {
        try (Stream<Path> files = Files.list(folder.resolve(name))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toList());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
