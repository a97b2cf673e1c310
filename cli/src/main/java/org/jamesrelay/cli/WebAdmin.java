package org.jamesrelay.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one request to James's WebAdmin. An {@link IOException} means that no HTTP answer came (nothing listens,
 * time-out); an HTTP error status is an {@link Answer} like any other.
 */
interface WebAdmin {
    Answer send(String method, String path, Map<String, String> headers, Optional<byte[]> body) throws IOException, InterruptedException;

    /** The status, the headers the command line reads, and the body as UTF-8 text. */
    final class Answer {
        final int status;
        final Map<String, String> headers;
        final String body;

        Answer(int status, Map<String, String> headers, String body) {
            this.status = status;
            this.headers = Map.copyOf(headers);
            this.body = body;
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** WebAdmin over HTTP with the JDK's client. */
    static WebAdmin over(URI base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (method, path, headers, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.map(HttpRequest.BodyPublishers::ofByteArray).orElseGet(HttpRequest.BodyPublishers::noBody));
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> read = new java.util.HashMap<>();
            for (String name : new String[] {"ETag", PolicyCli.VERSION_HEADER, "Content-Type"}) {
                response.headers().firstValue(name).ifPresent(value -> read.put(name, value));
            }
            return new Answer(response.statusCode(), read, response.body());
        };
    }
}
