package org.jamesrelay.filter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZFileOptions;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * 7z archives, read in order; once the inspector wants no more content, the members left are listed without
 * decoding them. A member compressed with AES is encrypted; an archive whose header is encrypted cannot
 * be listed ({@link EncryptedDirectory}). LZMA and LZMA2, 7-Zip's usual methods, need org.tukaani's xz library,
 * which James does not ship: such archives, or members, cannot be read. The decoders may use at most
 * {@link #MAX_MEMORY_KB} KiB, so that a header declaring huge tables fails instead of filling the heap.
 */
final class SevenZReader implements ArchiveReader {
    static final int MAX_MEMORY_KB = 64 * 1024;

    private static final SevenZFileOptions OPTIONS = SevenZFileOptions.builder().withMaxMemoryLimitInKb(MAX_MEMORY_KB).build();

    @Override
    public void read(byte[] archive, Names container, Visitor visitor) throws IOException {
        try (SevenZFile file = new SevenZFile(new SeekableInMemoryByteChannel(archive), OPTIONS)) {
            boolean contentWanted = true;
            for (SevenZArchiveEntry entry = file.getNextEntry(); entry != null; entry = file.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                boolean encrypted = StreamSupport.stream(entry.getContentMethods().spliterator(), false)
                    .anyMatch(method -> method.getMethod() == SevenZMethod.AES256SHA256);
                Optional<InputStream> content = encrypted || !contentWanted ? Optional.empty() : Optional.of(new CurrentEntry(file));
                contentWanted &= visitor.visit(new Member(Names.of(entry.getName()), entry.getSize(), encrypted), content);
            }
        } catch (PasswordRequiredException e) {
            throw new EncryptedDirectory();
        } catch (LinkageError e) {
            throw new IOException("LZMA needs org.tukaani:xz, which James does not ship", e);
        }
    }

    /** The data of the entry the file is at: what {@link SevenZFile#read} gives. */
    private static final class CurrentEntry extends InputStream {
        private final SevenZFile file;

        CurrentEntry(SevenZFile file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            return file.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return file.read(buffer, offset, length);
        }
    }
}
