package org.jamesrelay.store.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Apache Cassandra node in a JVM of its own, for tests: started from the jars that the module
 * {@code store/cassandra-node} copies (system property {@value #LIB_PROPERTY}), on free loopback ports, with its
 * configuration, log and data in a fresh folder under {@value #WORKDIR_PROPERTY}. It can be killed, paused and
 * restarted mid-test, and is stopped by its PID. Tuned for tests unless started with another {@link CassandraNodeSetup}.
 */
public final class CassandraNode {
    public static final String LIB_PROPERTY = "cassandra.node.lib";
    public static final String WORKDIR_PROPERTY = "cassandra.node.workdir";
    public static final String DATACENTER = "datacenter1";

    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraNode.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;
    private static final String STARTUP_COMPLETE = "Startup complete";
    /** Below Linux's ephemeral ports (32768-60999), from which ServerSocket(0) and outgoing connections draw theirs. */
    private static final int LOWEST_PORT = 20000;
    private static final int HIGHEST_PORT = 32767;

    /** A node from the folders named by the system properties (as set by the surefire configuration of store/cassandra). */
    public static CassandraNode start() throws IOException {
        return start(CassandraNodeSetup.TEST);
    }

    public static CassandraNode start(CassandraNodeSetup setup) throws IOException {
        Path lib = Path.of(System.getProperty(LIB_PROPERTY, "../cassandra-node/target/lib")).toAbsolutePath().normalize();
        Path workDirectory = Path.of(System.getProperty(WORKDIR_PROPERTY, "target/cassandra-node")).toAbsolutePath().normalize();
        return start(lib, workDirectory, setup);
    }

    public static CassandraNode start(Path lib, Path workDirectory, CassandraNodeSetup setup) throws IOException {
        if (!containsCassandra(lib)) {
            throw new IllegalStateException("No Cassandra jars in " + lib + ": build the module store/cassandra-node first "
                + "(mvn -pl store/cassandra-node generate-resources), or point the system property " + LIB_PROPERTY + " at its target/lib");
        }
        Files.createDirectories(workDirectory);
        Path directory = Files.createTempDirectory(workDirectory, "node-");
        int[] ports = freePorts(2);
        CassandraNode node = new CassandraNode(lib, directory, ports[0], ports[1], setup);
        node.writeConfiguration();
        node.launch();
        return node;
    }

    private static boolean containsCassandra(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().startsWith("cassandra-all-"));
        }
    }

    /**
     * Free ports outside the ephemeral range, so that no other process takes them by chance while the node is
     * down between {@link #kill()} and {@link #restart()}. Held open together, so that they differ.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int attempt = 0; sockets.size() < count; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT + 1);
                try {
                    sockets.add(new ServerSocket(port, 1, InetAddress.getByName(HOST)));
                } catch (IOException taken) {
                    if (attempt > 100) {
                        throw new IOException("no free port between " + LOWEST_PORT + " and " + HIGHEST_PORT + " on " + HOST, taken);
                    }
                }
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private final Path lib;
    private final Path directory;
    private final int nativePort;
    private final int storagePort;
    private final CassandraNodeSetup setup;
    private volatile Process process;
    private volatile boolean paused;

    private CassandraNode(Path lib, Path directory, int nativePort, int storagePort, CassandraNodeSetup setup) {
        this.lib = lib;
        this.directory = directory;
        this.nativePort = nativePort;
        this.storagePort = storagePort;
        this.setup = setup;
    }

    /** {@code 127.0.0.1:port}, as {@link CassandraStoreConfiguration.Builder#contactPoints(String...)} takes it. */
    public String contactPoint() {
        return HOST + ":" + nativePort;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(HOST, nativePort);
    }

    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return directory;
    }

    /** SIGKILL: the node dies without a word, like a crashed server; its data stays for {@link #restart()}. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Cassandra (pid " + process.pid() + ") did not die within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing Cassandra", e);
        }
        paused = false;
        LOGGER.info("Cassandra node killed (pid {})", process.pid());
    }

    /** Starts the node again on the same ports and data, and waits until its startup is complete. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            kill();
        }
        launch();
    }

    /**
     * SIGSTOP: the node keeps its connections open but answers nothing, like a server stuck in a long GC pause.
     * Returns once every thread of the node is stopped.
     */
    public void pause() throws IOException {
        signal("STOP");
        paused = true;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!isStopped()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Cassandra (pid " + process.pid() + ") did not stop within " + STOP_TIMEOUT + " of SIGSTOP");
            }
            sleep(Duration.ofMillis(10));
        }
    }

    /** Whether the node is paused and every one of its threads stopped (as /proc tells, where there is one). */
    public boolean isStopped() throws IOException {
        Path threads = Path.of("/proc", Long.toString(process.pid()), "task");
        if (!paused || !Files.isDirectory(threads)) {
            return paused;
        }
        try (Stream<Path> states = Files.list(threads)) {
            return states.allMatch(CassandraNode::isStoppedThread);
        }
    }

    private static boolean isStoppedThread(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException e) {
            return true;
        }
    }

    public void resume() throws IOException {
        signal("CONT");
        paused = false;
    }

    /** Undoes {@link #kill()} or {@link #pause()}, so that a test that failed half way leaves a working node. */
    public void ensureRunning() throws IOException {
        if (paused) {
            resume();
        }
        if (!process.isAlive()) {
            launch();
        }
    }

    /** Kills the node and deletes its folder. */
    public void stop() throws IOException {
        if (process.isAlive()) {
            kill();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    /** The last lines of the node's output (its log). */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e + ")";
        }
    }

    private Path log() {
        return directory.resolve("cassandra.log");
    }

    private void writeConfiguration() throws IOException {
        List<String> configuration = new ArrayList<>(List.of(
            "cluster_name: james-relay-test",
            "num_tokens: 1",
            "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
            "endpoint_snitch: SimpleSnitch",
            "seed_provider:",
            "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
            "    parameters:",
            "      - seeds: \"" + HOST + "\"",
            "listen_address: " + HOST,
            "rpc_address: " + HOST,
            "storage_port: " + storagePort,
            "native_transport_port: " + nativePort,
            "auto_snapshot: false"));
        configuration.addAll(setup.configurationLines());
        configuration.add("");
        Files.writeString(directory.resolve("cassandra.yaml"), String.join("\n", configuration));
        Files.writeString(directory.resolve("logback.xml"), String.join("\n",
            "<configuration>",
            "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>",
            "  </appender>",
            "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
            "</configuration>",
            ""));
    }

    private List<String> command() throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.add("/usr/bin/setpriv");
            if ("root".equals(System.getProperty("user.name"))) {
                // Without CAP_IPC_LOCK, Cassandra cannot mlockall() its whole heap into memory.
                command.addAll(List.of("--bounding-set", "-ipc_lock", "--inh-caps", "-ipc_lock"));
            }
            // The node dies with the thread that started it (see launch()), so a test JVM killed mid-run leaves none behind.
            command.addAll(List.of("--pdeathsig", "KILL"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of(
            "-Xms256M",
            "-Xmx1G"));
        command.addAll(setup.jvmOptions());
        command.addAll(List.of(
            "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
            "-Dcassandra.storagedir=" + directory.resolve("data"),
            "-Dcassandra-foreground=yes",
            "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.superuser_setup_delay_ms=0",
            "-Dcassandra.memtable_row_overhead_computation_step=100",
            "-cp", lib.resolve("*").toString(),
            "org.apache.cassandra.service.CassandraDaemon"));
        return command;
    }

    private static List<String> jvmOptions() throws IOException {
        try (InputStream options = CassandraNode.class.getResourceAsStream("jvm17-server.options")) {
            return new String(options.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .collect(Collectors.toList());
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log().toFile()));
        long logOffset = Files.exists(log()) ? Files.size(log()) : 0;
        long start = System.nanoTime();
        process = startInOwnThread(builder);
        awaitStartup(start, logOffset);
        LOGGER.info("Cassandra node up in {} ms: pid {}, {} setup, CQL on {}, data in {}",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), process.pid(), setup, contactPoint(), directory);
    }

    /** Started, then waited for, by a thread of its own: the node lives exactly as long as that thread (--pdeathsig). */
    private Process startInOwnThread(ProcessBuilder builder) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread owner = new Thread(() -> {
            try {
                Process startedProcess = builder.start();
                started.complete(startedProcess);
                startedProcess.waitFor();
            } catch (IOException e) {
                started.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cassandra-node-" + nativePort);
        owner.setDaemon(true);
        owner.start();
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw new IOException("Cannot start Cassandra: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting Cassandra", e);
        }
    }

    /**
     * Until this process logged that its startup is complete, and its CQL port answers: a port that answers is not
     * enough, as another process may have taken it while the node was down.
     */
    private void awaitStartup(long start, long logOffset) throws IOException {
        long deadline = start + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Cassandra exited with code " + process.exitValue() + " while starting; its log ("
                    + log() + ") ends with:\n" + logTail());
            }
            if (logSince(logOffset).contains(STARTUP_COMPLETE) && acceptsConnections()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        kill();
        throw new IOException("Cassandra did not start within " + START_TIMEOUT + "; its log (" + log() + ") ends with:\n" + logTail());
    }

    private String logSince(long offset) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log())) {
            channel.position(offset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(address(), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String signal) throws IOException {
        try {
            int exitCode = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exitCode != 0) {
                throw new IOException("kill -" + signal + " " + process.pid() + " failed with code " + exitCode);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending SIG" + signal + " to Cassandra", e);
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Cassandra", e);
        }
    }

    @Override
    public String toString() {
        return "CassandraNode{" + setup + ", " + contactPoint() + ", " + directory + "}";
    }
}
