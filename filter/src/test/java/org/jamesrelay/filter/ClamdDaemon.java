package org.jamesrelay.filter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real clamd on 127.0.0.1 and a free port, for tests. It loads only a signature database written
 * here (no official databases, no network), runs in the foreground as the current user and is
 * stopped by {@link #close()}. Tests are skipped when no {@code clamd} binary is installed.
 */
public final class ClamdDaemon implements AutoCloseable {

    /** Content containing this string is reported as {@link #SIGNATURE}. */
    public static final String MARKER = "JAMES-RELAY-TEST-VIRUS-7f3c";
    /** clamd appends {@code .UNOFFICIAL} to the names of signatures from non-official databases. */
    public static final String SIGNATURE = "JamesRelayTestVirus.UNOFFICIAL";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final int port;
    private final Process process;
    private final Thread shutdownHook;
    private final Duration startup;

    private ClamdDaemon(Path directory, int port, Process process, Duration startup) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.startup = startup;
        this.shutdownHook = new Thread(process::destroyForcibly, "clamd-test-daemon-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static boolean isInstalled() {
        return findClamd().isPresent();
    }

    /** Skips the calling test (with a visible reason) when clamd is not installed. */
    static void assumeInstalled() {
        assumeTrue(isInstalled(),
                "clamd is not installed: install it with `apt-get install clamav-daemon` to run the clamd tests");
    }

    /** Starts clamd and waits until it answers PING; skips the calling test if clamd is not installed. */
    public static ClamdDaemon start() throws IOException, InterruptedException {
        assumeInstalled();
        Optional<Path> binary = findClamd();

        Path directory = Files.createTempDirectory("james-relay-clamd-");
        Path database = Files.createDirectory(directory.resolve("db"));
        // A body signature (.ndb): any file type (0), any offset (*), the marker's bytes in hex.
        Files.writeString(database.resolve("james-relay-test.ndb"),
                "JamesRelayTestVirus:0:*:" + hex(MARKER) + "\n", StandardCharsets.US_ASCII);

        int port = freePort();
        Path config = directory.resolve("clamd.conf");
        Files.write(config, List.of(
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "DatabaseDirectory " + database,
                "LogFile " + directory.resolve("clamd.log"),
                "PidFile " + directory.resolve("clamd.pid"),
                "TemporaryDirectory " + directory,
                "ScanMail yes",
                "ScanArchive yes",
                "StreamMaxLength 25M"), StandardCharsets.US_ASCII);

        long started = System.nanoTime();
        Process process = new ProcessBuilder(binary.get().toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("clamd.out").toFile())
                .start();
        long deadline = started + START_TIMEOUT.toNanos();
        while (!answersPing(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String state = process.isAlive() ? "did not answer PING within " + START_TIMEOUT.toSeconds() + " s"
                        : "exited with status " + process.exitValue();
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                String diagnostics = diagnostics(directory);
                deleteRecursively(directory);
                throw new IllegalStateException("clamd " + state + " (" + binary.get() + " -c " + config + ")\n"
                        + diagnostics);
            }
            Thread.sleep(50);
        }
        return new ClamdDaemon(directory, port, process, Duration.ofNanos(System.nanoTime() - started));
    }

    String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** How long clamd took from launch to its first PONG. */
    Duration startup() {
        return startup;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            deleteRecursively(directory);
        }
    }

    /** clamd lives in /usr/sbin on Debian, which is not on every user's PATH. */
    private static Optional<Path> findClamd() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        return directories.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Paths.get(dir, "clamd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A raw PING, independent of the client under test. */
    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("PONG\0");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static String diagnostics(Path directory) {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("clamd.out", "clamd.log", "clamd.conf")) {
            Path file = directory.resolve(name);
            text.append("--- ").append(name).append(" ---\n");
            try {
                text.append(Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "(absent)\n");
            } catch (IOException e) {
                text.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
