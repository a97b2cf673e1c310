package org.jamesrelay.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.Request;

/**
 * A request's body copied to a temporary file as it arrives. Spark's request wrapper would read a whole body into a
 * byte array at the first {@code getInputStream()}: the body is read from the request it wraps. When something read the
 * body before (James's default WebAdmin request logger does, in a James other than the run command's server), that request is
 * empty and Spark's copy is spooled instead.
 */
final class SpooledBody {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpooledBody.class);

    private SpooledBody() {
    }

    static Path of(Request request) {
        try {
            Path file = Files.createTempFile("relay-import-", ".txt");
            try (InputStream body = unwrapped(request.raw()).getInputStream()) {
                long copied = Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
                if (copied == 0 && request.contentLength() != 0) {
                    Files.write(file, request.bodyAsBytes());
                }
                return file;
            } catch (IOException | RuntimeException e) {
                delete(file);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the request's body", e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.warn("Cannot delete the spooled request body {}: {}", file, e.getMessage());
        }
    }

    private static ServletRequest unwrapped(ServletRequest request) {
        return request instanceof ServletRequestWrapper ? ((ServletRequestWrapper) request).getRequest() : request;
    }
}
