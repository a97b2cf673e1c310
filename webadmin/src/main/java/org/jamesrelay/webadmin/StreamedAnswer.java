package org.jamesrelay.webadmin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import spark.Response;

/**
 * Answers written to the response as they are produced, for listings and texts of any size: neither the whole JSON
 * nor the bytes of a text are built beside what they are made of. The stream is flushed, not closed (Spark completes
 * the response); the route returns the empty string this gives.
 */
final class StreamedAnswer {
    private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private StreamedAnswer() {
    }

    /** A JSON array of these strings. */
    static String jsonStrings(Response response, Iterator<String> values) {
        response.type("application/json");
        try (JsonGenerator json = JSON.createGenerator(response.raw().getOutputStream())) {
            json.writeStartArray();
            while (values.hasNext()) {
                json.writeString(values.next());
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "";
    }

    /** The text {@code text} reads, encoded in UTF-8 as it is read. */
    static String text(Response response, String contentType, Reader text) throws IOException {
        response.type(contentType);
        Writer writer = new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8);
        text.transferTo(writer);
        writer.flush();
        return "";
    }
}
