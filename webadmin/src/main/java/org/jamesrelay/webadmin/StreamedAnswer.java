package org.jamesrelay.webadmin;

import java.io.IOException;
import java.io.OutputStreamWriter;
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
    /** Writer.write(String) copies the whole string into a char[] first: twice its size for a Latin-1 string. */
    private static final int TEXT_CHUNK = 64 * 1024;
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

    /** This text, encoded in UTF-8 a buffer at a time. */
    static String text(Response response, String contentType, String text) {
        response.type(contentType);
        try {
            Writer writer = new OutputStreamWriter(response.raw().getOutputStream(), StandardCharsets.UTF_8);
            for (int start = 0; start < text.length(); start += TEXT_CHUNK) {
                writer.write(text, start, Math.min(TEXT_CHUNK, text.length() - start));
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "";
    }
}
