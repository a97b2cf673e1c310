package org.jamesrelay.store.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.jamesrelay.store.StoredPolicy;

/**
 * The version of a policy file: a positive 63-bit SHA-256 digest of its bytes, so that equal texts have equal versions
 * and no text has {@link StoredPolicy#NO_VERSION}. Computed over the bytes as they stream, never over a whole text.
 */
final class Sha256Versions {
    private static final int BUFFER_BYTES = 64 * 1024;

    private Sha256Versions() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The version of the bytes {@code digest} was given; resets it. */
    static long of(MessageDigest digest) {
        long version = ByteBuffer.wrap(digest.digest()).getLong() & Long.MAX_VALUE;
        return version == StoredPolicy.NO_VERSION ? 1 : version;
    }

    static long ofText(String text) {
        MessageDigest digest = newDigest();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return of(digest);
    }

    /** The version of the file's bytes, read a buffer at a time; empty when there is no such file. */
    static Optional<Long> ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(of(digest));
    }
}
