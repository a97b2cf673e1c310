package org.jamesrelay.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the file system says about a file without reading it: size, modification and change times, and identity
 * (device and inode). A rename over the file changes its identity; an edit in place changes its change time, even
 * when a tool sets the modification time back ({@code cp -p}, {@code touch -r}). Where the change time is not
 * available (not a POSIX file system), the size, modification time and identity must do.
 */
final class FileStamp {
    /**
     * Time stamps are coarse (up to 2 s on some file systems): a file stamped this close to the moment it was read
     * may change again within the same stamp, so such a stamp does not prove the file unchanged.
     */
    static final Duration GRANULARITY = Duration.ofSeconds(2);

    private final long size;
    private final FileTime modified;
    private final Optional<FileTime> changed;
    private final Optional<Object> identity;

    private FileStamp(long size, FileTime modified, Optional<FileTime> changed, Optional<Object> identity) {
        this.size = size;
        this.modified = modified;
        this.changed = changed;
        this.identity = identity;
    }

    /** The file's stamp, or empty when there is no such file. */
    static Optional<FileStamp> of(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new FileStamp(attributes.size(), attributes.lastModifiedTime(), changeTime(file),
                Optional.ofNullable(attributes.fileKey())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<FileTime> changeTime(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:ctime");
            return Optional.ofNullable((FileTime) unix.get("ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether both time stamps are older than {@code readAt} by more than their granularity. */
    boolean settledBefore(Instant readAt) {
        Instant latest = changed.map(FileTime::toInstant).filter(time -> time.isAfter(modified.toInstant())).orElse(modified.toInstant());
        return latest.plus(GRANULARITY).isBefore(readAt);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof FileStamp) {
            FileStamp that = (FileStamp) o;
            return size == that.size && modified.equals(that.modified) && changed.equals(that.changed) && identity.equals(that.identity);
        }
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, modified, changed, identity);
    }
}
