package org.jamesrelay.it;

import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stock James 3.8.1 with the drop-in jar, started in its own JVM by the README's run command
 * ({@code bin/james-relay run}) on free loopback ports, exactly as an operator starts it.
 */
final class RelayServer implements AutoCloseable {
    static final String READY_LINE = "James Relay ready";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    private final Process process;
    private final Path workdir;
    private final Path log;
    private final int smtpPort;
    private final int submissionPort;
    private final int webAdminPort;
    private final int jmxPort;
    private final HttpClient http = HttpClient.newHttpClient();

    static Path home() {
        return Paths.get(System.getProperty("james.relay.home", "..")).toAbsolutePath().normalize();
    }

    /** A policy file in {@code folder}: the sample policy of {@code conf/} followed by {@code moreEntries}. */
    static Path samplePolicyWith(Path folder, String moreEntries) throws IOException {
        Path policy = folder.resolve("relay-policy.conf");
        Files.writeString(policy, Files.readString(home().resolve("conf/relay-policy.conf")) + "\n" + moreEntries + "\n");
        return policy;
    }

    private static Path workdirs() {
        return Paths.get(System.getProperty("james.relay.workdir", "target/servers")).toAbsolutePath();
    }

    /**
     * @param policy a policy file to use instead of conf/relay-policy.conf
     */
    static RelayServer start(String name, NextHop nextHop, Optional<Path> policy) throws IOException, InterruptedException {
        return start(name, nextHop, policy, List.of());
    }

    /**
     * @param moreOptions further options of {@code bin/james-relay run}, e.g. {@code --store-properties FILE}
     */
    static RelayServer start(String name, NextHop nextHop, Optional<Path> policy, List<String> moreOptions) throws IOException, InterruptedException {
        return start(name, nextHop, policy, moreOptions, Map.of());
    }

    /**
     * @param environment environment variables of {@code bin/james-relay run}, e.g. {@code JAVA_OPTS}
     */
    static RelayServer start(String name, NextHop nextHop, Optional<Path> policy, List<String> moreOptions,
                             Map<String, String> environment) throws IOException, InterruptedException {
        return start(name, nextHop.address(), policy, moreOptions, environment);
    }

    /**
     * @param nextHop the default route as {@code host:port}, which may be down. A name used before gives the same
     *                working directory: a restart of that server, with the mail it kept in {@code var/}.
     */
    static RelayServer start(String name, String nextHop, Optional<Path> policy, List<String> moreOptions,
                             Map<String, String> environment) throws IOException, InterruptedException {
        RelayServer server = launch(name, nextHop, policy, moreOptions, environment);
        server.awaitReady();
        return server;
    }

    /** The working directory of the servers of this name. */
    static Path workdirOf(String name) {
        return workdirs().resolve(name);
    }

    /** Removes what a server of this name left in its working directory, queued mail included. */
    static void forget(String name) throws IOException {
        Path workdir = workdirs().resolve(name);
        if (Files.exists(workdir)) {
            try (Stream<Path> files = Files.walk(workdir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Starts the server without waiting: for tests of startup failures. */
    static RelayServer launch(String name, NextHop nextHop, Optional<Path> policy) throws IOException {
        return launch(name, nextHop.address(), policy, List.of(), Map.of());
    }

    static RelayServer launch(String name, String nextHop, Optional<Path> policy, List<String> moreOptions,
                                      Map<String, String> environment) throws IOException {
        Path workdir = workdirs().resolve(name);
        Files.createDirectories(workdir);
        Path log = workdirs().resolve(name + "-" + LAUNCHES.incrementAndGet() + ".log");
        int smtpPort = FreePorts.next();
        int submissionPort = FreePorts.next();
        int webAdminPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/james-relay").toString(), "run",
            "--workdir", workdir.toString(),
            "--smtp-port", Integer.toString(smtpPort),
            "--submission-port", Integer.toString(submissionPort),
            "--webadmin-port", Integer.toString(webAdminPort),
            "--jmx-port", Integer.toString(jmxPort),
            "--next-hop", nextHop));
        policy.ifPresent(file -> command.addAll(List.of("--policy", file.toString())));
        command.addAll(moreOptions);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        return new RelayServer(process, workdir, log, smtpPort, submissionPort, webAdminPort, jmxPort);
    }

    private RelayServer(Process process, Path workdir, Path log, int smtpPort, int submissionPort, int webAdminPort, int jmxPort) {
        this.process = process;
        this.workdir = workdir;
        this.log = log;
        this.smtpPort = smtpPort;
        this.submissionPort = submissionPort;
        this.webAdminPort = webAdminPort;
        this.jmxPort = jmxPort;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (log().contains(READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("James Relay exited with " + process.exitValue() + " before it was ready:\n" + log());
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("James Relay was not ready within " + START_TIMEOUT + ":\n" + log());
    }

    /** Waits for the server to exit on its own, and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("James Relay did not exit within " + timeout + ":\n" + safeLog());
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private String safeLog() {
        try {
            return log();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The James working directory: {@code conf/} holds the policy file and the upstream credentials. */
    Path workdir() {
        return workdir;
    }

    /** Replaces the policy file's lines that start with {@code prefix}, and waits until the server has applied it. */
    void replacePolicyLine(String prefix, String line) throws IOException, InterruptedException {
        Path policy = workdir.resolve("conf/relay-policy.conf");
        String edited = Files.readAllLines(policy).stream()
            .map(existing -> existing.startsWith(prefix) ? line : existing)
            .collect(Collectors.joining("\n", "", "\n"));
        editPolicy(() -> Files.writeString(policy, edited));
    }

    /** Adds a line to the policy file, and waits until the server has applied it. */
    void appendPolicyLine(String line) throws IOException, InterruptedException {
        Path policy = workdir.resolve("conf/relay-policy.conf");
        editPolicy(() -> Files.writeString(policy, "\n" + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    private interface PolicyEdit {
        void apply() throws IOException;
    }

    private void editPolicy(PolicyEdit edit) throws IOException, InterruptedException {
        long loadsBefore = policyLoads();
        edit.apply();
        await().atMost(ONE_MINUTE).until(() -> policyLoads() > loadsBefore);
    }

    private long policyLoads() {
        return safeLog().lines().filter(line -> line.contains("James Relay policy loaded")).count();
    }

    int smtpPort() {
        return smtpPort;
    }

    int submissionPort() {
        return submissionPort;
    }

    int webAdminPort() {
        return webAdminPort;
    }

    /** JMX, for James's admin CLI. */
    int jmxPort() {
        return jmxPort;
    }

    /** PUT on WebAdmin with a JSON body (or none), returning the status code. */
    int webAdminPut(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
            .header("Content-Type", "application/json")
            .PUT(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The values of one header over the mails of a James mail repository (e.g. {@code var/mail/error}), read through
     * WebAdmin.
     */
    List<String> mailRepositoryHeaderValues(String repository, String header) throws IOException, InterruptedException {
        String path = "/mailRepositories/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/mails";
        String keys = get(path, "application/json");
        List<String> values = new ArrayList<>();
        Matcher key = Pattern.compile("\"([^\"]+)\"").matcher(keys);
        while (key.find()) {
            String eml = get(path + "/" + URLEncoder.encode(key.group(1), StandardCharsets.UTF_8), "message/rfc822");
            Matcher value = Pattern.compile("(?mi)^" + Pattern.quote(header) + ":\\s*(.*?)\\s*$").matcher(eml);
            while (value.find()) {
                values.add(value.group(1));
            }
        }
        return values;
    }

    /** The number of mails in a James mail repository, read through WebAdmin. */
    int mailRepositorySize(String repository) throws IOException, InterruptedException {
        String body = get("/mailRepositories/" + URLEncoder.encode(repository, StandardCharsets.UTF_8), "application/json");
        Matcher size = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(body);
        return size.find() ? Integer.parseInt(size.group(1)) : 0;
    }

    /** The number of messages in a mailbox of a local user, read through WebAdmin. */
    int messageCount(String user, String mailbox) throws IOException, InterruptedException {
        String body = get("/users/" + user + "/mailboxes/" + mailbox + "/messageCount", "application/json").trim();
        return body.isEmpty() ? 0 : Integer.parseInt(body);
    }

    private String get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(30))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        if (response.statusCode() == 404) {
            return "";
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The number of mails in a James mail queue ({@code spool}, {@code relay-outgoing}), read through WebAdmin. */
    long mailQueueSize(String queue) throws IOException, InterruptedException {
        String body = get("/mailQueues/" + queue, "application/json");
        Matcher size = Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(body);
        return size.find() ? Long.parseLong(size.group(1)) : 0;
    }

    /**
     * Whether James's spool and the relay queue are both empty (false while WebAdmin cannot tell): no mail waits and
     * none is being delivered, so nothing more will arrive anywhere.
     */
    boolean queuesEmpty() {
        try {
            return mailQueueSize("spool") == 0 && mailQueueSize("relay-outgoing") == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The mails of a James mail queue as WebAdmin lists them (JSON), delayed ones included. */
    String mailQueueMails(String queue) throws IOException, InterruptedException {
        return get("/mailQueues/" + queue + "/mails", "application/json");
    }

    /** A WebAdmin request with a JSON body, returning the status code. */
    int webAdmin(String method, String path, String json) throws IOException, InterruptedException {
        return webAdminAnswer(method, path, json).statusCode();
    }

    /** A WebAdmin request with a JSON body, returning the whole answer. */
    HttpResponse<String> webAdminAnswer(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
            .header("Content-Type", "application/json")
            .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL of the James JVM, as a crash or the OOM killer does it; the run command then exits. */
    /** James's JVM, started by the run command. */
    Optional<ProcessHandle> jvm() {
        return process.descendants().filter(child -> child.info().command().map(command -> command.endsWith("java")).orElse(false)).findFirst();
    }

    void kill() throws InterruptedException {
        jvm().ifPresent(ProcessHandle::destroyForcibly);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the run command did not exit after its James JVM was killed");
        }
    }

    /** SIGTERM to the run command, as an operator stops the relay; waits until it has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the run command did not stop within 90 s:\n" + safeLog());
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
