package org.jamesrelay.store.file;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jamesrelay.core.StreamedDiff;
import org.jamesrelay.core.TextDiff;
import org.jamesrelay.store.AuditEntry;
import org.jamesrelay.store.ChangeLog;
import org.jamesrelay.store.PolicyChange;
import org.jamesrelay.store.PolicyStore;
import org.jamesrelay.store.PolicyStoreException;
import org.jamesrelay.store.StoredPolicy;
import org.jamesrelay.store.TextChange;
import org.jamesrelay.store.TextReading;
import org.jamesrelay.store.VersionConflictException;
import org.jamesrelay.store.Versioned;

/**
 * The embedded store: the policy file an operator can also edit by hand. The version of a policy is derived from its
 * text, so an edit by hand is a new version like any other. A write goes to a temporary file in the same folder that
 * is synced and then renamed over the policy file: a crash leaves the old policy or the new one, never a mix.
 * Writers are serialised: threads by this store's monitor, processes by a lock file beside the policy.
 *
 * <p>{@link #version()} hashes the file's bytes only when the file's {@link FileStamp} differs from that of the
 * last read whose stamp was settled: an unchanged file costs a {@code stat}, whatever its size. Only {@link #read()}
 * and {@link #write} hold the whole text; a streamed {@linkplain #read(TextReading) read}, {@link #version()} and
 * {@link #writeChange} use memory independent of the file's size.
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

    /**
     * Reads the file through {@code reading} as it streams, decoded as strict UTF-8, and hashes its bytes meanwhile:
     * what the reading leaves unread is read too, so that the version is that of the whole file read.
     */
    @Override
    public <R, E extends Exception> Optional<Versioned<R>> read(TextReading<R, E> reading) throws PolicyStoreException, E {
        try {
            Instant readAt = clock.instant();
            Optional<FileStamp> before = FileStamp.of(policyFile);
            Optional<HashedText> opened = HashedText.open(policyFile);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            try (HashedText text = opened.get()) {
                R value = reading.read(text.reader());
                long version = text.drain();
                remember(before, FileStamp.of(policyFile), readAt, version);
                return Optional.of(new Versioned<>(value, version));
            }
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + policyFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long version() throws PolicyStoreException {
        try {
            Instant readAt = clock.instant();
            Optional<FileStamp> stamp = FileStamp.of(policyFile);
            if (stamp.isEmpty()) {
                return StoredPolicy.NO_VERSION;
            }
            Optional<ReadVersion> known = lastRead;
            if (known.isPresent() && known.get().stamp.equals(stamp.get())) {
                return known.get().version;
            }
            Optional<Long> version = Sha256Versions.ofFile(policyFile);
            if (version.isEmpty()) {
                return StoredPolicy.NO_VERSION;
            }
            remember(stamp, FileStamp.of(policyFile), readAt, version.get());
            return version.get();
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read " + policyFile + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the version for this stamp only if the file did not change while it was read, nor can within its stamp. */
    private void remember(Optional<FileStamp> before, Optional<FileStamp> after, Instant readAt, long version) {
        lastRead = before.filter(stamp -> after.equals(before) && stamp.settledBefore(readAt))
            .map(stamp -> new ReadVersion(stamp, version));
    }

    /** As {@link #write}, the text copied into the temporary file as it is read. */
    @Override
    public synchronized long writeStreamed(Reader text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock();
             AtomicReplacement replacement = AtomicReplacement.of(policyFile)) {
            conflictUnless(expectedVersion, Sha256Versions.ofFile(policyFile).orElse(StoredPolicy.NO_VERSION));
            text.transferTo(replacement.text());
            long version = replacement.commit();
            auditLog.append(new AuditEntry(clock.instant(), version, change.bounded()));
            return version;
        } catch (IOException e) {
            throw new PolicyStoreException("cannot write " + policyFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized StoredPolicy write(String text, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        return new StoredPolicy(text, writeStreamed(new StringReader(text), expectedVersion, change));
    }

    /**
     * Rewrites the file as {@link #write} does, but line by line: the old file is read through the diff into the
     * temporary file, both hashed as they stream, so that neither text is ever held whole. Keeps the diff for
     * {@link #changesSince}: on one node, the policy file is read by this store only. An edit by hand has no diff; a
     * reader then reads the whole file.
     */
    @Override
    public synchronized long writeChange(TextDiff diff, long expectedVersion, PolicyChange change) throws PolicyStoreException {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock();
             AtomicReplacement replacement = AtomicReplacement.of(policyFile)) {
            writeChanged(diff, expectedVersion, replacement.text());
            long version = replacement.commit();
            auditLog.append(new AuditEntry(clock.instant(), version, change.bounded()));
            changes.record(expectedVersion, version, diff);
            return version;
        } catch (IOException e) {
            throw new PolicyStoreException("cannot write " + policyFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file's text changed by {@code diff}, if the file is at {@code expectedVersion}. */
    private void writeChanged(TextDiff diff, long expectedVersion, Writer changed) throws IOException, VersionConflictException {
        Optional<HashedText> opened = HashedText.open(policyFile);
        if (opened.isEmpty()) {
            conflictUnless(expectedVersion, StoredPolicy.NO_VERSION);
            StreamedDiff.apply(diff, Reader.nullReader(), changed);
            return;
        }
        try (HashedText old = opened.get()) {
            try {
                StreamedDiff.apply(diff, old.reader(), changed);
            } catch (IllegalArgumentException e) {
                // A diff made to another version is a conflict, as when the versions are compared first.
                conflictUnless(expectedVersion, old.drain());
                throw e;
            }
            conflictUnless(expectedVersion, old.drain());
        }
    }

    private static void conflictUnless(long expectedVersion, long actualVersion) throws VersionConflictException {
        if (actualVersion != expectedVersion) {
            throw new VersionConflictException(expectedVersion, actualVersion);
        }
    }

    @Override
    public synchronized Optional<List<TextChange>> changesSince(long version) throws PolicyStoreException {
        return changes.since(version, version());
    }

    @Override
    public List<AuditEntry> audit(int limit) throws PolicyStoreException {
        try {
            return auditLog.newestFirst(limit);
        } catch (IOException e) {
            throw new PolicyStoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    /** The version of a policy file that holds {@code text}. */
    static long versionOf(String text) {
        return Sha256Versions.ofText(text);
    }
}
