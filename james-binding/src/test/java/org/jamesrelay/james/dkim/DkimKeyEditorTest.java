package org.jamesrelay.james.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jamesrelay.dkim.DkimAlgorithm;
import org.jamesrelay.dkim.DkimDomain;
import org.jamesrelay.dkim.DkimKey;
import org.jamesrelay.dkim.FailureMode;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.MemoryDkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.StoredKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DkimKeyEditorTest {
    private MemoryDkimKeyStore store;
    private DkimKeyService service;
    private DkimKeyEditor editor;

    @BeforeEach
    void setUp() {
        store = new MemoryDkimKeyStore(Clock.systemUTC());
        service = DkimKeyService.readOnce(new DkimKeySource(store, "memory", Duration.ofSeconds(1)));
        editor = new DkimKeyEditor(service);
    }

    @Test
    void theFirstKeyOfADomainSignsAtOnceAndTheNextOneWaitsForTheSwitch() throws Exception {
        DkimKey first = editor.add("admin", "example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty());
        DkimKey second = editor.add("admin", "example.com", "s2", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty());

        assertThat(first.active()).isTrue();
        assertThat(second.active()).isFalse();
        assertThat(activeSelectors("example.com")).containsExactly("s1");

        editor.activate("admin", "example.com", "s2");

        assertThat(activeSelectors("example.com")).containsExactly("s2");
    }

    @Test
    void anEd25519KeySignsBesideTheRsaKey() throws Exception {
        editor.add("admin", "example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty());
        editor.add("admin", "example.com", "e1", DkimAlgorithm.ED25519_SHA256, 0, Optional.empty(), Optional.empty());

        assertThat(activeSelectors("example.com")).containsExactly("s1", "e1");
    }

    @Test
    void retiringTheLastKeyRemovesTheDomain() throws Exception {
        editor.add("admin", "example.com", "s1", DkimAlgorithm.ED25519_SHA256, 0, Optional.empty(), Optional.empty());

        editor.retire("admin", "example.com", "s1");

        assertThat(service.keyring().orElseThrow().domain("example.com")).isEmpty();
        assertThat(service.keyring().orElseThrow().signerFor("example.com")).isEmpty();
    }

    @Test
    void refusedChangesNameWhyAndWriteNothing() throws Exception {
        editor.add("admin", "example.com", "s1", DkimAlgorithm.ED25519_SHA256, 0, Optional.empty(), Optional.empty());
        long version = store.read().orElseThrow().version();

        assertThatThrownBy(() -> editor.add("admin", "example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty()))
            .isInstanceOfSatisfying(DkimEditException.class, e -> assertThat(e.reason()).isEqualTo(DkimEditException.Reason.CONFLICT));
        assertThatThrownBy(() -> editor.activate("admin", "example.com", "s9"))
            .isInstanceOfSatisfying(DkimEditException.class, e -> assertThat(e.reason()).isEqualTo(DkimEditException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> editor.retire("admin", "example.org", "s1"))
            .isInstanceOfSatisfying(DkimEditException.class, e -> assertThat(e.reason()).isEqualTo(DkimEditException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> editor.add("admin", "example.com", "s2", DkimAlgorithm.RSA_SHA256, 2048, Optional.of("not a key"), Optional.empty()))
            .isInstanceOfSatisfying(DkimEditException.class, e -> assertThat(e.reason()).isEqualTo(DkimEditException.Reason.INVALID));
        assertThat(store.read().orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void theAuditRecordsWhoAddedWhichPublicKeyAndNoPrivateKey() throws Exception {
        DkimKey key = editor.add("alice", "example.com", "s1", DkimAlgorithm.RSA_SHA256, 2048, Optional.empty(), Optional.empty());
        editor.settings("bob", "example.com", true, FailureMode.SEND_UNSIGNED);

        assertThat(editor.audit(10)).extracting(AuditEntry::change).containsExactly(
            new PolicyChange("bob", "change dkim domain", "example.com subdomains=no on-failure=hold", "example.com subdomains=yes on-failure=send-unsigned"),
            new PolicyChange("alice", "add dkim key", "", "example.com s1 rsa-sha256 2048 bits active " + key.fingerprint()));
        String privateKeyLine = store.read().orElseThrow().text().lines().filter(line -> line.startsWith("dkim-key")).findFirst().orElseThrow();
        String privateKey = privateKeyLine.substring(privateKeyLine.lastIndexOf(' ') + 1);
        assertThat(editor.audit(10).toString()).doesNotContain(privateKey.substring(100, 140));
    }

    @Test
    void storedKeysThatCannotBeReadLeaveTheKeysInForce() throws Exception {
        editor.add("admin", "example.com", "s1", DkimAlgorithm.ED25519_SHA256, 0, Optional.empty(), Optional.empty());
        StoredKeys good = store.read().orElseThrow();

        store.write(good.text().replace("dkim-key example.com s1 ed25519-sha256", "dkim-key example.com s1 dsa"), good.version(),
            new PolicyChange("hand", "edit", "", ""));
        service.refresh();

        assertThat(activeSelectors("example.com")).containsExactly("s1");
    }

    private List<String> activeSelectors(String domain) {
        return service.keyring().orElseThrow().signerFor(domain).map(DkimDomain::activeKeys).orElseThrow()
            .stream().map(DkimKey::selector).collect(Collectors.toList());
    }
}
