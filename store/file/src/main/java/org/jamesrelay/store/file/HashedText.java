package org.jamesrelay.store.file;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A policy file read as UTF-8 text while its bytes are hashed: the version of exactly the bytes read, even when the
 * file is replaced meanwhile (the open file stays the one read). Malformed UTF-8 is an error, as
 * {@link Files#readString} reports it.
 */
final class HashedText implements Closeable {
    private final DigestInputStream bytes;
    private final Reader text;

    private HashedText(DigestInputStream bytes) {
        this.bytes = bytes;
        this.text = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The file opened, or empty when there is no such file. */
    static Optional<HashedText> open(Path file) throws IOException {
        try {
            return Optional.of(new HashedText(new DigestInputStream(Files.newInputStream(file), Sha256Versions.newDigest())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The text, for a reading that may close it: the rest is still read by {@link #drain()}. */
    Reader reader() {
        return new FilterReader(text) {
            @Override
            public void close() {
            }
        };
    }

    /** Reads, and checks, what the reading left unread; the version of the whole file. */
    long drain() throws IOException {
        char[] rest = new char[8192];
        while (text.read(rest) != -1) {
            // only decoded, to check it, and hashed
        }
        MessageDigest digest = bytes.getMessageDigest();
        return Sha256Versions.of(digest);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
