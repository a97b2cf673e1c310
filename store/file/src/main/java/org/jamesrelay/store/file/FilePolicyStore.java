package org.jamesrelay.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.ChangeLog;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.VersionConflictException;

/**
 * The embedded store: the policy file an operator can also edit by hand. The version of a policy is derived from its
 * text, so an edit by hand is a new version like any other. A write goes to a temporary file in the same folder that
 * is synced and then renamed over the policy file: a crash leaves the old policy or the new one, never a mix.
 * Writers are serialised: threads by this store's monitor, processes by a lock file beside the policy.
 *
 * <p>{@link #version()} reads and hashes the text only when the file's {@link FileStamp} differs from that of the
 * last read whose stamp was settled: an unchanged file costs a {@code stat}, whatever its size.
 */
public final class FilePolicyStore implements PolicyStore {
    private final Path policyFile;
    private final Path lockFile;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ChangeLog changes = new ChangeLog();
    private volatile Optional<ReadVersion> lastRead = Optional.empty();

    /** The version of the text read from the file while it bore this stamp. */
    private static final class ReadVersion {
        private final FileStamp stamp;
        private final long version;

        private ReadVersion(FileStamp stamp, long version) {
            this.stamp = stamp;
            this.version = version;
        }
    }

    public FilePolicyStore(Path policyFile, Path auditFile, Clock clock) {
        this.policyFile = policyFile.toAbsolutePath();
        this.lockFile = this.policyFile.resolveSibling(this.policyFile.getFileName() + ".lock");
        this.auditLog = new AuditLog(auditFile);
        this.clock = clock;
    }

    public Path policyFile() {
        return policyFile;
    }

    @Override
    public Optional<StoredPolicy> read() throws PolicyStoreException {
        try {
            Instant readAt = clock.instant();
            Optional<FileStamp> before = FileStamp.of(policyFile);
            String text = Files.readString(policyFile, StandardCharsets.UTF_8);
            StoredPolicy stored = new StoredPolicy(text, versionOf(text));
            remember(before, FileStamp.of(policyFile), readAt, stored.version());
            return Optional.of(stored);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + policyFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long version() throws PolicyStoreException {
        Optional<FileStamp> stamp;
        try {
            stamp = FileStamp.of(policyFile);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + policyFile + ": " + e.getMessage(), e);
        }
        if (stamp.isEmpty()) {
            return StoredPolicy.NO_VERSION;
        }
        Optional<ReadVersion> known = lastRead;
        if (known.isPresent() && known.get().stamp.equals(stamp.get())) {
            return known.get().version;
        }
        return read().map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
    }

    /** Keeps the version for this stamp only if the file did not change while it was read, nor can within its stamp. */
    private void remember(Optional<FileStamp> before, Optional<FileStamp> after, Instant readAt, long version) {
        lastRead = before.filter(stamp -> after.equals(before) && stamp.settledBefore(readAt))
            .map(stamp -> new ReadVersion(stamp, version));
    }

    @Override
    public synchronized StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            long actualVersion = read().map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
            if (actualVersion != expectedVersion) {
                throw new VersionConflictException(expectedVersion, actualVersion);
            }
            replaceAtomically(text);
            StoredPolicy stored = new StoredPolicy(text, versionOf(text));
            auditLog.append(new AuditEntry(clock.instant(), stored.version(), change.bounded()));
            return stored;
        } catch (IOException e) {
            throw new PolicyStoreException("cannot write " + policyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the whole file, as {@link #write} does, and keeps the diff for {@link #changesSince}: on one node, the
     * policy file is read by this store only. An edit by hand has no diff; a reader then reads the whole file.
     */
    @Override
    public synchronized long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        Optional<StoredPolicy> current = read();
        long actualVersion = current.map(StoredPolicy::version).orElse(StoredPolicy.NO_VERSION);
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
        String text = TextDiff.text(diff.applyTo(TextDiff.lines(current.map(StoredPolicy::text).orElse(""))));
        long version = write(text, expectedVersion, change).version();
        changes.record(expectedVersion, version, diff);
        return version;
    }

    @Override
    public synchronized Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        return changes.since(version, version());
    }

    private void replaceAtomically(String text) throws IOException {
        Path temporary = Files.createTempFile(policyFile.getParent(), policyFile.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temporary, policyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + policyFile.getParent() + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        try {
            return auditLog.newestFirst(limit);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** A positive 63-bit digest of the text: equal texts have equal versions, and no text has NO_VERSION. */
    static long versionOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long version = ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
            return version == StoredPolicy.NO_VERSION ? 1 : version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
