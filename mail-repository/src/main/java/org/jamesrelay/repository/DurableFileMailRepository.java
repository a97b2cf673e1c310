package org.jamesrelay.repository;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mail repository on disk (James's {@code file://} URLs): one file a mail in the repository's folder under the
 * working directory, so that what is kept (quarantine, errors, loops) outlives restarts and crashes.
 * <p>
 * A mail is written to a temporary file, synced, renamed over its final name and the folder synced: the file is there
 * whole or not at all, also after a power cut. The file name is the mail's key, so listing reads no file.
 */
public class DurableFileMailRepository implements MailRepository {
    private static final Logger LOGGER = LoggerFactory.getLogger(DurableFileMailRepository.class);
    static final String SUFFIX = ".mail";
    static final String TEMPORARY_PREFIX = ".tmp-";
    /** Most file systems allow 255 bytes a name. */
    static final int MAX_FILE_NAME = 240;
    private static final Base64.Encoder NAME_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder NAME_DECODER = Base64.getUrlDecoder();

    private final Path folder;

    @Inject
    public DurableFileMailRepository(MailRepositoryUrl url, FileSystem fileSystem) throws IOException {
        this(folderOf(url, fileSystem));
    }

    DurableFileMailRepository(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        removeLeftoverTemporaryFiles();
    }

    private static Path folderOf(MailRepositoryUrl url, FileSystem fileSystem) throws FileNotFoundException {
        return fileSystem.getBasedir().toPath().resolve(url.getPath().asString()).normalize();
    }

    private void removeLeftoverTemporaryFiles() throws IOException {
        for (Path temporary : files(TEMPORARY_PREFIX + "*")) {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public MailKey store(Mail mail) throws MessagingException {
        MailKey key = MailKey.forMail(mail);
        Path target = fileOf(key);
        Path temporary = folder.resolve(TEMPORARY_PREFIX + UUID.randomUUID());
        boolean stored = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                MailFile.write(mail, out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            stored = true;
            syncFolder();
            return key;
        } catch (IOException e) {
            throw new MessagingException("Cannot store mail " + key.asString() + " in " + folder + ": " + e.getMessage(), e);
        } finally {
            if (!stored) {
                deleteQuietly(temporary);
            }
        }
    }

    @Override
    public Mail retrieve(MailKey key) throws MessagingException {
        if (!fitsAFileName(key)) {
            return null;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(fileOf(key)))) {
            return MailFile.read(in);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new MessagingException("Cannot read mail " + key.asString() + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Iterator<MailKey> list() throws MessagingException {
        return keys().iterator();
    }

    @Override
    public long size() throws MessagingException {
        return keys().size();
    }

    @Override
    public void remove(MailKey key) throws MessagingException {
        if (!fitsAFileName(key)) {
            return;
        }
        try {
            if (Files.deleteIfExists(fileOf(key))) {
                syncFolder();
            }
        } catch (IOException e) {
            throw new MessagingException("Cannot remove mail " + key.asString() + " from " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void removeAll() throws MessagingException {
        for (MailKey key : keys()) {
            remove(key);
        }
    }

    private List<MailKey> keys() throws MessagingException {
        try {
            List<MailKey> keys = new ArrayList<>();
            for (Path file : files("*" + SUFFIX)) {
                String name = file.getFileName().toString();
                if (!name.startsWith(TEMPORARY_PREFIX)) {
                    keyOf(name).ifPresent(keys::add);
                }
            }
            return keys;
        } catch (IOException e) {
            throw new MessagingException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private List<Path> files(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(files::add);
        }
        return files;
    }

    private Path fileOf(MailKey key) throws MessagingException {
        if (!fitsAFileName(key)) {
            throw new MessagingException("Mail key too long for a file name (" + fileName(key).length() + " bytes encoded, at most "
                + MAX_FILE_NAME + "): " + key.asString());
        }
        return folder.resolve(fileName(key));
    }

    private static boolean fitsAFileName(MailKey key) {
        return fileName(key).length() <= MAX_FILE_NAME;
    }

    private static String fileName(MailKey key) {
        return NAME_ENCODER.encodeToString(key.asString().getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    /** Empty for a file this repository did not name (copied in by hand, say): not one of its mails. */
    private static Optional<MailKey> keyOf(String fileName) {
        String encoded = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            return Optional.of(new MailKey(new String(NAME_DECODER.decode(encoded), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * Makes the rename or the removal itself durable, not only the file's content. Some file systems refuse to sync
     * a folder: the mail is stored all the same, and failing the store would only make James store it again.
     */
    private void syncFolder() {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException refused) {
            LOGGER.debug("{} cannot be synced: {}", folder, refused.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next start, which removes temporary files.
        }
    }
}
