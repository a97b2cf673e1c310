package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every policy store has. A store's test implements this interface and supplies an empty store.
 * Versions identify content: writing back a text that was stored before may give its old version again.
 */
public interface PolicyStoreContract {
    String POLICY = "# the policy\ntrusted-network 127.0.0.1/32\nrelay-domain relay.test\n";
    String OTHER_POLICY = "trusted-network 127.0.0.1/32\ntrusted-network 192.0.2.0/24\n";
    PolicyChange ADD_NETWORK = new PolicyChange("admin", "add trusted-network", "", "trusted-network 192.0.2.0/24");

    /** A store with nothing in it. */
    PolicyStore store();

    @Test
    default void readShouldBeEmptyWhenNothingWasWritten() throws Exception {
        assertThat(store().read()).isEmpty();
    }

    @Test
    default void writtenPolicyShouldBeReadBack() throws Exception {
        StoredPolicy written = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store().read()).contains(written);
        assertThat(written.text()).isEqualTo(POLICY);
    }

    @Test
    default void textShouldBeKeptExactly() throws Exception {
        String text = "# comment with unicode: \u00e9\u00e8 \u2603\n\n   relay-domain relay.test   # trailing\n";

        store().write(text, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThat(store().read().orElseThrow().text()).isEqualTo(text);
    }

    @Test
    default void everyChangeShouldGiveANewVersion() throws Exception {
        StoredPolicy first = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        StoredPolicy second = store().write(OTHER_POLICY, first.version(), ADD_NETWORK);
        StoredPolicy third = store().write(POLICY + "relay-domain third.test\n", second.version(), ADD_NETWORK);

        assertThat(List.of(first.version(), second.version(), third.version())).doesNotHaveDuplicates()
            .doesNotContain(StoredPolicy.NO_VERSION);
        assertThat(store().read()).contains(third);
    }

    @Test
    default void writeShouldFailWhenThePolicyChangedMeanwhile() throws Exception {
        StoredPolicy first = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        store().write(OTHER_POLICY, first.version(), ADD_NETWORK);

        assertThatThrownBy(() -> store().write(POLICY, first.version(), ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);
        assertThat(store().read().orElseThrow().text()).isEqualTo(OTHER_POLICY);
    }

    @Test
    default void firstWriteShouldFailWhenSomeoneElseWroteFirst() throws Exception {
        store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);

        assertThatThrownBy(() -> store().write(OTHER_POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK))
            .isInstanceOf(VersionConflictException.class);
    }

    @Test
    default void onlyOneOfConcurrentWritersOfTheSameVersionShouldWin() throws Exception {
        StoredPolicy base = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String text = POLICY + "relay-domain writer" + writer + ".test\n";
                Callable<Boolean> write = () -> {
                    try {
                        store().write(text, base.version(), ADD_NETWORK);
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                };
                outcomes.add(executor.submit(write));
            }
            long winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(winners).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    default void auditShouldBeEmptyWhenNothingWasWritten() throws Exception {
        assertThat(store().audit(10)).isEmpty();
    }

    @Test
    default void auditShouldRecordEachChangeNewestFirst() throws Exception {
        PolicyChange removal = new PolicyChange("operator", "remove relay-domain", "relay-domain relay.test", "");
        StoredPolicy first = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        StoredPolicy second = store().write(OTHER_POLICY, first.version(), removal);

        List<AuditEntry> audit = store().audit(10);

        assertThat(audit).extracting(AuditEntry::change).containsExactly(removal, ADD_NETWORK);
        assertThat(audit).extracting(AuditEntry::version).containsExactly(second.version(), first.version());
        assertThat(audit.get(0).at()).isAfterOrEqualTo(audit.get(1).at());
    }

    @Test
    default void auditShouldKeepMultiLineChangesIntact() throws Exception {
        PolicyChange importChange = new PolicyChange("operator", "import", "line one\nline\ttwo", "a\\b\nc");

        store().write(POLICY, StoredPolicy.NO_VERSION, importChange);

        assertThat(store().audit(1)).extracting(AuditEntry::change).containsExactly(importChange);
    }

    @Test
    default void auditShouldReturnAtMostTheLimit() throws Exception {
        StoredPolicy stored = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        for (int i = 0; i < 4; i++) {
            stored = store().write(POLICY + "relay-domain domain" + i + ".test\n", stored.version(), ADD_NETWORK);
        }

        assertThat(store().audit(3)).hasSize(3);
        assertThat(store().audit(3).get(0).version()).isEqualTo(stored.version());
    }

    @Test
    default void failedWriteShouldNotBeAudited() throws Exception {
        StoredPolicy first = store().write(POLICY, StoredPolicy.NO_VERSION, ADD_NETWORK);
        store().write(OTHER_POLICY, first.version(), ADD_NETWORK);

        assertThatThrownBy(() -> store().write(POLICY, first.version(), new PolicyChange("late", "x", "", "")));

        assertThat(store().audit(10)).extracting(entry -> entry.change().actor()).doesNotContain("late");
    }
}
