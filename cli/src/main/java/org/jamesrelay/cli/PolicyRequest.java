package org.jamesrelay.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/** One WebAdmin request of {@code james-relay policy}, and how to show its answer. */
final class PolicyRequest {
    /** What to do with the answer of the server: most answers are shown as a table. */
    enum Output {
        NETWORKS(PolicyOutput::networks), NETWORK(PolicyOutput::network), DOMAINS(PolicyOutput::domains), DOMAIN(PolicyOutput::domain),
        RECIPIENTS((answer, request) -> PolicyOutput.recipients(request.recipientDomain(), answer)),
        SENDERS(PolicyOutput::senders), SENDER(PolicyOutput::sender), SETTINGS(PolicyOutput::settings),
        ROUTES(RouteOutput::routes), ROUTE(RouteOutput::route), SENDER_ROUTES(RouteOutput::senderRoutes), SENDER_ROUTE(RouteOutput::senderRoute),
        FILTERS(FilterOutput::filters), FILTER(FilterOutput::filterScope), ANTIVIRUS(FilterOutput::antivirus),
        EXPLAIN(ExplanationOutput::explanation), AUDIT(AuditOutput::audit), LOCKOUTS(PolicyOutput::lockouts),
        RATE_LIMITS(PolicyOutput::rateLimits), RATE_LIMIT(PolicyOutput::rateLimit),
        DKIM_DOMAINS(DkimOutput::domains), DKIM_DOMAIN(DkimOutput::domain), DKIM_KEY(DkimOutput::key),
        /** The policy as text, to a file or standard output. */
        EXPORT,
        /** What was done, and the policy version it made. */
        IMPORT, WRITE,
        /** What was done; DKIM keys have no policy version. */
        DKIM_WRITE;

        private final Optional<Format> format;

        Output(Function<JsonNode, String> table) {
            this((answer, request) -> table.apply(answer));
        }

        Output(Format format) {
            this.format = Optional.of(format);
        }

        Output() {
            this.format = Optional.empty();
        }

        String format(JsonNode answer, PolicyRequest request) {
            return format.orElseThrow(() -> new IllegalStateException("no table for " + this)).format(answer, request);
        }
    }

    /** The text shown for the JSON answer of a request. */
    interface Format {
        String format(JsonNode answer, PolicyRequest request);
    }

    final String method;
    final String path;
    final Optional<String> json;
    final Optional<Path> importFile;
    final Optional<Path> exportFile;
    final Map<String, String> headers;
    final Output output;
    /** For a write: what was done, e.g. {@code trusted network 192.0.2.0/24 saved}. */
    final String done;

    PolicyRequest(String method, String path, Optional<String> json, Optional<Path> importFile, Optional<Path> exportFile,
                  Map<String, String> headers, Output output, String done) {
        this.method = method;
        this.path = path;
        this.json = json;
        this.importFile = importFile;
        this.exportFile = exportFile;
        this.headers = Map.copyOf(headers);
        this.output = output;
        this.done = done;
    }

    static PolicyRequest get(String path, Output output) {
        return new PolicyRequest("GET", path, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), output, "");
    }

    /** A request with a JSON body (or none) whose answer is shown as {@code output}. */
    static PolicyRequest send(String method, String path, Optional<Object> body, Output output, String done) {
        return new PolicyRequest(method, path, body.map(Json::write), Optional.empty(), Optional.empty(), Map.of(), output, done);
    }

    /** A change of the policy: the answer says what was done, and the policy version it made. */
    static PolicyRequest write(String method, String path, Optional<Object> body, String done) {
        return send(method, path, body, Output.WRITE, done);
    }

    /** The domain of /relay/domains/DOMAIN/recipients. */
    private String recipientDomain() {
        List<String> segments = List.of(path.split("/"));
        return URLDecoder.decode(segments.get(3).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
