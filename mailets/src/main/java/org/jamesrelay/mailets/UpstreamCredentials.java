package org.jamesrelay.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The logins routes use toward their next hops (Postfix {@code smtp_sasl_password_maps}), kept in a file of each
 * node, apart from the policy, so that no secret travels through the policy store, WebAdmin or the logs:
 * {@code NAME.username=...} and {@code NAME.password=...}. The file is read again when it changes.
 */
final class UpstreamCredentials {
    static final class Login {
        private final String username;
        private final String password;

        Login(String username, String password) {
            this.username = Objects.requireNonNull(username);
            this.password = Objects.requireNonNull(password);
        }

        String username() {
            return username;
        }

        String password() {
            return password;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof Login) {
                Login that = (Login) o;
                return username.equals(that.username) && password.equals(that.password);
            }
            return false;
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, password);
        }

        @Override
        public String toString() {
            return username + ":****";
        }
    }

    static final class UnknownCredentialsException extends Exception {
        UnknownCredentialsException(String message) {
            super(message);
        }
    }

    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(Optional.empty(), Map.of());

    private static final class Snapshot {
        private final Optional<FileTime> modified;
        private final Map<String, Login> logins;

        private Snapshot(Optional<FileTime> modified, Map<String, Login> logins) {
            this.modified = modified;
            this.logins = logins;
        }
    }

    UpstreamCredentials(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The login of that name, from the file as it is now. */
    Login login(String name) throws UnknownCredentialsException {
        Login login = current().logins.get(name);
        if (login == null) {
            throw new UnknownCredentialsException("no credentials named '" + name + "' in " + file.getFileName()
                + " (expected " + name + ".username and " + name + ".password)");
        }
        return login;
    }

    private Snapshot current() throws UnknownCredentialsException {
        Optional<FileTime> modified = lastModified();
        Snapshot known = snapshot;
        if (known.modified.equals(modified)) {
            return known;
        }
        Snapshot read = new Snapshot(modified, modified.isPresent() ? read() : Map.of());
        snapshot = read;
        return read;
    }

    private Optional<FileTime> lastModified() throws UnknownCredentialsException {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnknownCredentialsException("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private Map<String, Login> read() throws UnknownCredentialsException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UnknownCredentialsException("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        Map<String, Login> logins = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".username")) {
                String name = key.substring(0, key.length() - ".username".length());
                String password = properties.getProperty(name + ".password");
                if (password != null) {
                    logins.put(name, new Login(properties.getProperty(key), password));
                }
            }
        }
        return Map.copyOf(logins);
    }
}
