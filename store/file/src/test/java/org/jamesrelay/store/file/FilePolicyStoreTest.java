package org.jamesrelay.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreContract;
import org.jamesrelay.store.StoredPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicyStoreTest implements PolicyStoreContract {
    @TempDir
    Path folder;

    private FilePolicyStore store;

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    private FilePolicyStore newStore() {
        return new FilePolicyStore(folder.resolve("conf/relay-policy.conf"), folder.resolve("var/relay-policy-audit.log"), Clock.systemUTC());
    }

    @BeforeEach
    void createConf() throws Exception {
        Files.createDirectories(folder.resolve("conf"));
    }

    @Override
    public PolicyStore store() {
        return store;
    }

    @Test
    void policyShouldSurviveARestart() throws Exception {
        StoredPolicy written = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(newStore().read()).contains(written);
        assertThat(newStore().audit(10)).hasSize(1);
    }

    @Test
    void editByHandShouldBeANewVersion() throws Exception {
        StoredPolicy written = store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        Files.writeString(store.policyFile(), POLICY + "relay-domain by-hand.test\n", StandardCharsets.UTF_8);

        StoredPolicy edited = store.read().orElseThrow();
        assertThat(edited.version()).isNotEqualTo(written.version());
        assertThat(edited.text()).endsWith("relay-domain by-hand.test\n");
    }

    @Test
    void writeShouldLeaveNoTemporaryFileBehind() throws Exception {
        store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        try (Stream<Path> files = Files.list(folder.resolve("conf"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("relay-policy.conf", "relay-policy.conf.lock");
        }
    }

    @Test
    void sameTextShouldHaveTheSameVersion() {
        assertThat(FilePolicyStore.versionOf(POLICY)).isEqualTo(FilePolicyStore.versionOf(POLICY))
            .isNotEqualTo(FilePolicyStore.versionOf(OTHER_POLICY))
            .isPositive();
    }

    @Test
    void auditFieldsShouldSurviveEscaping() {
        String tricky = "a\\tb\tc\nd\re\\";

        assertThat(AuditLog.unescape(AuditLog.escape(tricky))).isEqualTo(tricky);
        assertThat(AuditLog.escape(tricky)).doesNotContain("\t", "\n", "\r");
    }
}
