package org.jamesrelay.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code james-relay queue}: the mail waiting in the relay queue of a running James Relay, and on hold, listed and
 * acted on through its WebAdmin routes. One command is one request; exit statuses as {@link PolicyCli}'s, and
 * {@link #BUSY}.
 */
public final class QueueCli {
    /** Done, except for mail that a delivery attempt had taken at that moment. */
    public static final int BUSY = 4;
    private static final String PROGRAM = "james-relay queue";

    private final Map<String, String> environment;
    private final String user;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<URI, WebAdmin> connector;
    private final Clock clock;

    QueueCli(Map<String, String> environment, String user, PrintStream out, PrintStream err, Function<URI, WebAdmin> connector, Clock clock) {
        this.environment = environment;
        this.user = user;
        this.out = out;
        this.err = err;
        this.connector = connector;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs one command with this process's environment and user; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new QueueCli(System.getenv(), System.getProperty("user.name", "unknown"), out, err, WebAdmin::over, Clock.systemUTC()).run(args);
    }

    int run(List<String> args) {
        WebAdminCommandLine<QueueCommandLine.Request> commandLine;
        try {
            commandLine = QueueCommandLine.parse(args, environment, user);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Run 'james-relay queue --help' for the commands and options.");
            return PolicyCli.USAGE;
        }
        if (commandLine.help) {
            out.println(QueueCommandLine.USAGE);
            return PolicyCli.OK;
        }
        QueueCommandLine.Request request = commandLine.request.orElseThrow();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put(WebAdminCommandLine.ACTOR_HEADER, commandLine.actor);
        commandLine.token.ifPresent(token -> headers.put("Authorization", "Bearer " + token));

        WebAdmin.Answer answer;
        try {
            answer = connector.apply(commandLine.url).send(request.method, request.path, headers, Optional.empty());
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot reach WebAdmin at " + commandLine.url + ": " + PolicyCli.unreachable(e));
            return PolicyCli.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return PolicyCli.UNREACHABLE;
        }
        if (!answer.isSuccess()) {
            if (commandLine.json && !answer.body.isBlank()) {
                out.println(answer.body.strip());
            } else {
                err.println(PROGRAM + ": " + PolicyCli.errorMessage(answer.body) + " (HTTP " + answer.status + ")");
            }
            return PolicyCli.REFUSED;
        }
        try {
            return show(commandLine, request, Json.parse(answer.body), answer.body);
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + ": unexpected answer from WebAdmin (" + e.getMessage() + ")");
            return PolicyCli.REFUSED;
        }
    }

    private int show(WebAdminCommandLine<QueueCommandLine.Request> commandLine, QueueCommandLine.Request request, JsonNode json, String body) {
        if (commandLine.json) {
            out.println(body.strip());
        }
        switch (request.output) {
            case LIST:
            case HELD_LIST:
                if (!commandLine.json) {
                    out.print(QueueOutput.list(json, request.output == QueueCommandLine.Output.HELD_LIST, clock.instant()));
                }
                return PolicyCli.OK;
            case SHOW:
                if (!commandLine.json) {
                    out.print(QueueOutput.show(json, clock.instant()));
                }
                return PolicyCli.OK;
            default:
                if (!commandLine.json) {
                    out.print(QueueOutput.action(json));
                }
                return QueueOutput.hasBusy(json) ? BUSY : PolicyCli.OK;
        }
    }
}
