package org.jamesrelay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every DKIM key store has: that of a versioned text store, on keyrings, never showing a private key
 * but through {@link DkimKeyStore#read()}. A store's test implements this interface and supplies an empty store.
 */
public interface DkimKeyStoreContract extends VersionedTextStoreContract<StoredKeys> {
    String KEYS = "dkim-domain example.com subdomains=no on-failure=hold\n"
        + "dkim-key example.com s1 rsa-sha256 active 2026-12-06T00:00:00Z MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n";
    String ROTATED = KEYS + "dkim-key example.com s2 rsa-sha256 standby 2026-12-07T00:00:00Z MIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n";
    PolicyChange ADD_KEY = new PolicyChange("admin", "add dkim key", "", "example.com s1 rsa-sha256 2048 bits active SHA256:abc");

    /** A store with nothing in it. */
    DkimKeyStore keyStore();

    @Override
    default VersionedTextStore<StoredKeys> textStore() {
        return keyStore();
    }

    @Override
    default String sampleText() {
        return KEYS;
    }

    @Override
    default String otherSampleText() {
        return ROTATED;
    }

    @Override
    default PolicyChange sampleChange() {
        return ADD_KEY;
    }

    @Test
    default void keyAuditShouldHoldNoKeyText() throws Exception {
        PolicyChange retire = new PolicyChange("operator", "retire dkim key", "example.com s2 rsa-sha256 SHA256:def", "");
        StoredKeys first = keyStore().write(ROTATED, StoredKeys.NO_VERSION, ADD_KEY);
        keyStore().write(KEYS, first.version(), retire);

        List<AuditEntry> audit = keyStore().audit(10);

        assertThat(audit).extracting(AuditEntry::change).containsExactly(retire, ADD_KEY);
        assertThat(audit.toString()).doesNotContain("MIIE");
    }

    @Test
    default void storedKeysShouldNotShowTheirText() throws Exception {
        assertThat(keyStore().write(KEYS, StoredKeys.NO_VERSION, ADD_KEY).toString()).doesNotContain("MIIE");
    }
}
