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
 * The behaviour every DKIM key store has. A store's test implements this interface and supplies an empty store.
 */
public interface DkimKeyStoreContract {
    String KEYS = "dkim-domain example.com subdomains=no on-failure=hold\n"
        + "dkim-key example.com s1 rsa-sha256 active 2026-12-06T00:00:00Z MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n";
    String ROTATED = KEYS + "dkim-key example.com s2 rsa-sha256 standby 2026-12-07T00:00:00Z MIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n";
    PolicyChange ADD_KEY = new PolicyChange("admin", "add dkim key", "", "example.com s1 rsa-sha256 2048 bits active SHA256:abc");

    /** A store with nothing in it. */
    DkimKeyStore keyStore();

    @Test
    default void keysShouldBeEmptyWhenNothingWasWritten() throws Exception {
        assertThat(keyStore().read()).isEmpty();
        assertThat(keyStore().audit(10)).isEmpty();
    }

    @Test
    default void writtenKeysShouldBeReadBackExactly() throws Exception {
        StoredKeys written = keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);

        assertThat(keyStore().read()).contains(written);
        assertThat(written.text()).isEqualTo(KEYS);
    }

    @Test
    default void everyKeyChangeShouldGiveANewVersion() throws Exception {
        StoredKeys first = keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);
        StoredKeys second = keyStore().write(ROTATED, first.version(), ADD_KEY);

        assertThat(second.version()).isNotEqualTo(first.version()).isNotEqualTo(StoredKeys.NO_VERSION);
        assertThat(keyStore().read()).contains(second);
    }

    @Test
    default void keyWriteShouldFailWhenTheKeysChangedMeanwhile() throws Exception {
        StoredKeys first = keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);
        keyStore().write(ROTATED, first.version(), ADD_KEY);

        assertThatThrownBy(() -> keyStore().write(KEYS, first.version(), ADD_KEY)).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY)).isInstanceOf(VersionConflictException.class);
        assertThat(keyStore().read().orElseThrow().text()).isEqualTo(ROTATED);
    }

    @Test
    default void onlyOneOfConcurrentKeyWritersOfTheSameVersionShouldWin() throws Exception {
        StoredKeys base = keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                String text = KEYS + "# writer " + writer + "\n";
                Callable<Boolean> write = () -> {
                    try {
                        keyStore().write(text, base.version(), ADD_KEY);
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
    default void keyAuditShouldRecordEachChangeNewestFirstAndNoKeyText() throws Exception {
        PolicyChange retire = new PolicyChange("operator", "retire dkim key", "example.com s2 rsa-sha256 SHA256:def", "");
        StoredKeys first = keyStore().write(ROTATED, StoredKeys.NO_VERSION, ADD_KEY);
        StoredKeys second = keyStore().write(KEYS, first.version(), retire);

        List<AuditEntry> audit = keyStore().audit(10);

        assertThat(audit).extracting(AuditEntry::change).containsExactly(retire, ADD_KEY);
        assertThat(audit).extracting(AuditEntry::version).containsExactly(second.version(), first.version());
        assertThat(audit.toString()).doesNotContain("MIIE");
        assertThat(keyStore().audit(1)).hasSize(1);
    }

    @Test
    default void storedKeysShouldNotShowTheirText() throws Exception {
        assertThat(keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY).toString()).doesNotContain("MIIE");
    }
}
