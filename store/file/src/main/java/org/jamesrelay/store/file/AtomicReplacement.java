package org.jamesrelay.store.file;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * The new content of a file, written to a temporary file in the same folder and hashed as it goes, then synced and
 * renamed over the file: a crash leaves the old content or the new one, never a mix. Closing it without
 * {@link #commit()} leaves the file as it was and no temporary file behind.
 */
final class AtomicReplacement implements Closeable {
    private static final int BUFFER_CHARS = 64 * 1024;

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final MessageDigest digest = Sha256Versions.newDigest();
    private final Writer text;

    private AtomicReplacement(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.text = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(Channels.newOutputStream(channel), digest),
            StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    static AtomicReplacement of(Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            return new AtomicReplacement(target, temporary, FileChannel.open(temporary, StandardOpenOption.WRITE));
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Where to write the new content, encoded in UTF-8. */
    Writer text() {
        return text;
    }

    /** Syncs the new content and renames it over the file; the version of the new content. */
    long commit() throws IOException {
        text.flush();
        channel.force(true);
        channel.close();
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        return Sha256Versions.of(digest);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
