package org.jamesrelay.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed identity for localhost and 127.0.0.1, made with the JDK's keytool: a PKCS12 keystore holding the key
 * and a PKCS12 truststore holding only its certificate.
 */
final class TestCertificates {
    private static final String PASSWORD = "changeit-test";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path keyStore;
    private final Path trustStore;

    private TestCertificates(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** Creates the two stores in the directory, their file names starting with the alias. */
    static TestCertificates create(Path directory, String alias) {
        Path keyStore = directory.resolve(alias + "-keystore.p12");
        Path trustStore = directory.resolve(alias + "-truststore.p12");
        Path certificate = directory.resolve(alias + ".cer");
        keytool(directory, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
            "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "30",
            "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool(directory, "-exportcert", "-alias", alias, "-keystore", keyStore.toString(),
            "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", certificate.toString());
        keytool(directory, "-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
            "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        return new TestCertificates(keyStore, trustStore);
    }

    Path keyStore() {
        return keyStore;
    }

    Path trustStore() {
        return trustStore;
    }

    char[] password() {
        return PASSWORD.toCharArray();
    }

    /** A TLS context presenting this identity, for the server side of a handshake. */
    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load " + keyStore, e);
        }
    }

    private static void keytool(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/keytool");
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(directory, "keytool", ".log");
            Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " did not finish in "
                    + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            String log = new String(Files.readAllBytes(output), Charset.defaultCharset());
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed with exit code "
                    + process.exitValue() + ": " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for keytool", e);
        }
    }
}
