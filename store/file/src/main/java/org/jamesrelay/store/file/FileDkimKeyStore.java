package org.jamesrelay.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.DkimKeyStore;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredKeys;

/**
 * The DKIM keys in a file of their own, written like the policy file (a synced temporary file renamed over it),
 * in a folder only the server's user may enter, the file readable by that user only (0600, as {@code
 * Files.createTempFile} creates it). A key file that others may read is refused, as ssh refuses such a key: the
 * keys are then not read and mail of signing domains follows their on-failure choice.
 */
public final class FileDkimKeyStore implements DkimKeyStore {
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path keyFile;
    private final FilePolicyStore texts;

    public FileDkimKeyStore(Path keyFile, Path auditFile, Clock clock) {
        this.keyFile = keyFile.toAbsolutePath();
        this.texts = new FilePolicyStore(this.keyFile, auditFile, clock);
    }

    public Path keyFile() {
        return keyFile;
    }

    @Override
    public Optional<StoredKeys> read() throws PolicyStoreException {
        return exists() ? texts.read().map(StoredKeys::of) : Optional.empty();
    }

    @Override
    public long version() throws PolicyStoreException {
        return exists() ? texts.version() : StoredKeys.NO_VERSION;
    }

    /** Whether the key file exists; a key file that others may read or write is an error. */
    private boolean exists() throws PolicyStoreException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new PolicyStoreException(keyFile + " holds private keys and is readable or writable by others ("
                    + PosixFilePermissions.toString(permissions) + "): chmod 600 " + keyFile);
            }
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + keyFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoredKeys write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        try {
            Path folder = keyFile.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
        } catch (IOException e) {
            throw new PolicyStoreException("cannot create " + keyFile.getParent() + ": " + e.getMessage(), e);
        }
        return StoredKeys.of(texts.write(text, expectedVersion, change));
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        return texts.audit(limit);
    }
}
