package org.jamesrelay.james;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The UTF-8 text of an import, read again at each pass: a validation, then the write. */
public interface ImportedText {
    long byteCount();

    InputStream open() throws IOException;

    default Reader reader() throws IOException {
        return new InputStreamReader(open(), StandardCharsets.UTF_8);
    }

    static ImportedText of(byte[] utf8) {
        return new ImportedText() {
            @Override
            public long byteCount() {
                return utf8.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(utf8);
            }
        };
    }

    /** The text of a file, such as a request's body spooled to disk, which must not change. */
    static ImportedText of(Path file) throws IOException {
        long size = Files.size(file);
        return new ImportedText() {
            @Override
            public long byteCount() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
