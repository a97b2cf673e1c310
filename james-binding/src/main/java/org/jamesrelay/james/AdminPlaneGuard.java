package org.jamesrelay.james;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebAdmin can switch the relay to open relay mode, add users and read every queued mail: James Relay does not
 * start when {@code conf/webadmin.properties} puts it on an address other than loopback without JWT authentication,
 * and warns when such a WebAdmin speaks plain HTTP (the token would cross the network in clear text).
 */
final class AdminPlaneGuard {
    static final String LOCATION = "file://conf/webadmin.properties";
    private static final Logger LOGGER = LoggerFactory.getLogger(AdminPlaneGuard.class);

    private AdminPlaneGuard() {
    }

    static void check(FileSystem fileSystem) {
        Path file;
        try {
            file = fileSystem.getFile(LOCATION).toPath();
        } catch (FileNotFoundException e) {
            return;
        }
        if (Files.exists(file)) {
            check(file, read(file));
        }
    }

    static void check(Path file, Properties webAdmin) {
        if (!flag(webAdmin, "enabled") || isLoopback(webAdmin.getProperty("host", "localhost").trim())) {
            return;
        }
        String host = webAdmin.getProperty("host").trim();
        if (!flag(webAdmin, "jwt.enabled")) {
            throw new UnsafeAdminPlaneException(file + ": host=" + host + " opens WebAdmin, which can switch the relay to open relay mode, "
                + "to the network without authentication: set jwt.enabled=true with jwt.publickeypem.url (and https.enabled=true), "
                + "or host=127.0.0.1");
        }
        if (!flag(webAdmin, "https.enabled")) {
            LOGGER.warn("{}: WebAdmin listens on {} over plain HTTP: its JWT crosses the network in clear text; set https.enabled=true",
                file, host);
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UnsafeAdminPlaneException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static boolean flag(Properties properties, String key) {
        return Boolean.parseBoolean(properties.getProperty(key, "false").trim().toLowerCase(Locale.ROOT));
    }

    /** A host name is looked up: {@code localhost} is loopback, a name of this machine's network address is not. */
    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
