package org.jamesrelay.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.DkimKeyStoreContract;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDkimKeyStoreTest implements DkimKeyStoreContract {
    @TempDir
    Path folder;

    private FileDkimKeyStore store;

    @BeforeEach
    void setUp() {
        store = new FileDkimKeyStore(folder.resolve("var/dkim/keys.conf"), folder.resolve("var/relay-dkim-audit.log"), Clock.systemUTC());
    }

    @Override
    public DkimKeyStore keyStore() {
        return store;
    }

    @Test
    void keysShouldBeReadableByTheServersUserOnly() throws Exception {
        store.write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);
        store.write(ROTATED, store.read().orElseThrow().version(), ADD_KEY);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aKeyFileOthersMayReadShouldBeRefused() throws Exception {
        store.write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);
        Files.setPosixFilePermissions(store.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store.read()).isInstanceOf(PolicyStoreException.class)
            .hasMessageContaining("readable or writable by others (rw-r--r--): chmod 600");
    }

    @Test
    void theAuditShouldNeverHoldTheKeys() throws Exception {
        store.write(KEYS, StoredKeys.NO_VERSION, ADD_KEY);

        assertThat(Files.readString(folder.resolve("var/relay-dkim-audit.log"))).doesNotContain("MIIE").contains("SHA256:abc");
    }
}
