package org.jamesrelay.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    void versionShouldFollowAnEditByHand() throws Exception {
        store.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        Files.writeString(store.policyFile(), OTHER_POLICY, StandardCharsets.UTF_8);

        assertThat(store.version()).isEqualTo(FilePolicyStore.versionOf(OTHER_POLICY));
    }

    @Test
    void versionShouldSeeAnEditInPlaceThatKeepsTheSizeAndModificationTime() throws Exception {
        FilePolicyStore settled = storeReadingAnHourLater();
        String sameSize = POLICY.replace("relay.test", "other.test");
        Files.writeString(settled.policyFile(), POLICY, StandardCharsets.UTF_8);
        FileTime modified = Files.getLastModifiedTime(settled.policyFile());
        assertThat(settled.version()).isEqualTo(FilePolicyStore.versionOf(POLICY));

        Files.writeString(settled.policyFile(), sameSize, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(settled.policyFile(), modified);

        assertThat(settled.version()).isEqualTo(FilePolicyStore.versionOf(sameSize));
    }

    @Test
    void versionShouldBeNoneOnceTheFileIsDeleted() throws Exception {
        FilePolicyStore settled = storeReadingAnHourLater();
        settled.write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        settled.version();

        Files.delete(settled.policyFile());

        assertThat(settled.version()).isEqualTo(StoredPolicy.NO_VERSION);
    }

    @Test
    void stampShouldBeSettledOnlyOnceOlderThanItsGranularity() throws Exception {
        Files.writeString(store.policyFile(), POLICY, StandardCharsets.UTF_8);
        FileStamp stamp = FileStamp.of(store.policyFile()).orElseThrow();
        Instant modified = Files.getLastModifiedTime(store.policyFile()).toInstant();

        assertThat(stamp.settledBefore(modified)).isFalse();
        assertThat(stamp.settledBefore(Instant.now().plus(FileStamp.GRANULARITY).plusSeconds(1))).isTrue();
    }

    /** A store whose clock runs an hour ahead, so that every stamp it sees is settled and remembered. */
    private FilePolicyStore storeReadingAnHourLater() {
        return new FilePolicyStore(folder.resolve("conf/relay-policy.conf"), folder.resolve("var/relay-policy-audit.log"),
            Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
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
