package org.jamesrelay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code james-relay policy}: the relay policy of a running James Relay, read and changed through its WebAdmin
 * routes. One command is one request; the answer is shown as a table, or as the server's JSON with {@code --json}.
 */
public final class PolicyCli {
    public static final int OK = 0;
    /** The server answered with an error (400, 404, 409...): its message is printed. */
    public static final int REFUSED = 1;
    /** The command line is wrong, or a local file cannot be read or written. */
    public static final int USAGE = 2;
    /** No answer from WebAdmin: nothing listens at the URL, or it timed out. */
    public static final int UNREACHABLE = 3;

    static final String VERSION_HEADER = "X-Relay-Policy-Version";
    private static final String PROGRAM = "james-relay policy";

    private final Map<String, String> environment;
    private final String user;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<URI, WebAdmin> connector;

    PolicyCli(Map<String, String> environment, String user, InputStream in, PrintStream out, PrintStream err, Function<URI, WebAdmin> connector) {
        this.environment = environment;
        this.user = user;
        this.in = in;
        this.out = out;
        this.err = err;
        this.connector = connector;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs one command with this process's environment, user and standard input; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new PolicyCli(System.getenv(), System.getProperty("user.name", "unknown"), System.in, out, err, WebAdmin::over).run(args);
    }

    int run(List<String> args) {
        WebAdminCommandLine<PolicyRequest> commandLine;
        try {
            commandLine = PolicyCommandLine.parse(args, environment, user);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Run 'james-relay policy --help' for the commands and options.");
            return USAGE;
        }
        if (commandLine.help) {
            out.println(PolicyUsage.TEXT);
            return OK;
        }
        PolicyRequest request = commandLine.request.orElseThrow();
        Optional<byte[]> body;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", request.output == PolicyRequest.Output.EXPORT ? "text/plain" : "application/json");
        headers.put(WebAdminCommandLine.ACTOR_HEADER, commandLine.actor);
        commandLine.token.ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        headers.putAll(request.headers);
        try {
            if (request.importFile.isPresent()) {
                body = Optional.of(read(request.importFile.get()));
                headers.put("Content-Type", "text/plain; charset=UTF-8");
            } else {
                body = request.json.map(json -> json.getBytes(StandardCharsets.UTF_8));
                headers.put("Content-Type", "application/json");
            }
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot read " + request.importFile.get() + ": " + describe(e));
            return USAGE;
        }

        WebAdmin.Answer answer;
        try {
            answer = connector.apply(commandLine.url).send(request.method, request.path, headers, body);
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot reach WebAdmin at " + commandLine.url + ": " + unreachable(e));
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return UNREACHABLE;
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return USAGE;
        }

        if (!answer.isSuccess()) {
            return refused(commandLine, answer);
        }
        try {
            return show(commandLine, request, answer);
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + ": unexpected answer from WebAdmin (" + e.getMessage() + "): " + abbreviate(answer.body));
            return REFUSED;
        }
    }

    private byte[] read(Path file) throws IOException {
        return file.toString().equals("-") ? in.readAllBytes() : Files.readAllBytes(file);
    }

    private int refused(WebAdminCommandLine<PolicyRequest> commandLine, WebAdmin.Answer answer) {
        if (commandLine.json && !answer.body.isBlank()) {
            out.println(answer.body.strip());
            return REFUSED;
        }
        String message = errorMessage(answer.body);
        err.println(PROGRAM + ": " + message + " (HTTP " + answer.status + ")");
        if (answer.status == 409 && message.contains("?force=true")) {
            err.println("Add --force to remove it anyway.");
        }
        if (answer.status == 404 && message.endsWith("can not be found")) {
            err.println("Are James Relay's routes installed? conf/webadmin.properties needs "
                + "extensions.routes=org.jamesrelay.webadmin.RelayRoutes");
        }
        return REFUSED;
    }

    /** The message of James's error JSON ({statusCode, type, message, details}), or the body itself. */
    static String errorMessage(String body) {
        try {
            JsonNode error = Json.asObject(Json.parse(body));
            if (!Json.isAbsent(error.get("message"))) {
                return Json.text(error.get("message")) + (Json.isAbsent(error.get("details")) ? "" : ": " + Json.text(error.get("details")));
            }
        } catch (IllegalArgumentException notJson) {
            // shown as it came
        }
        return body.isBlank() ? "no message" : abbreviate(body.strip());
    }

    private int show(WebAdminCommandLine<PolicyRequest> commandLine, PolicyRequest request, WebAdmin.Answer answer) {
        Optional<String> version = answer.header(VERSION_HEADER);
        switch (request.output) {
            case EXPORT:
                if (request.exportFile.isPresent()) {
                    try {
                        Files.writeString(request.exportFile.get(), answer.body, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        err.println(PROGRAM + ": cannot write " + request.exportFile.get() + ": " + describe(e));
                        return USAGE;
                    }
                    err.println("policy" + version.map(v -> " version " + v).orElse("") + " exported to " + request.exportFile.get());
                } else {
                    out.print(answer.body);
                }
                return OK;
            case DKIM_WRITE:
                out.println("ok: " + request.done);
                return OK;
            case WRITE:
            case IMPORT:
                if (!commandLine.json) {
                    out.println(version.map(v -> "ok: " + request.done + " (policy version " + v + ")")
                        .orElse("ok: " + request.done + " (no change: it was already so)"));
                } else if (!answer.body.isBlank()) {
                    out.println(answer.body.strip());
                }
                return OK;
            default:
                break;
        }
        JsonNode json = Json.parse(answer.body);
        if (commandLine.json) {
            out.println(answer.body.strip());
            return OK;
        }
        out.print(request.output.format(json, request));
        return OK;
    }

    static String unreachable(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is James running, with WebAdmin enabled on this port?)";
        }
        return describe(e);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
