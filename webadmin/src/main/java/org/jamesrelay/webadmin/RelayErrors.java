package org.jamesrelay.webadmin;

import java.util.Objects;
import java.util.function.Supplier;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;
import org.jamesrelay.store.PolicyStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;

/**
 * The error answers of the {@code /relay} routes, in James's error JSON: each one, thrown, ends the request.
 */
final class RelayErrors {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayErrors.class);

    private RelayErrors() {
    }

    /** What {@code reading} gives, or a 400 with the message of its {@link IllegalArgumentException}. */
    static <T> T badRequestUnless(Supplier<T> reading) {
        try {
            return Objects.requireNonNull(reading.get());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    static HaltException badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, message);
    }

    static HaltException notFound(String message) {
        return error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, message);
    }

    static HaltException conflict(String message) {
        return error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, message);
    }

    static HaltException changedMeanwhile() {
        return conflict("the policy was changed by someone else at the same time: read it again and retry");
    }

    static HaltException preconditionFailed(String message) {
        return error(HttpStatus.PRECONDITION_FAILED_412, ErrorType.WRONG_STATE, message);
    }

    static HaltException storeFailure(PolicyStoreException e) {
        LOGGER.error("The relay policy store failed", e);
        return ErrorResponder.builder()
            .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
            .type(ErrorType.SERVER_ERROR)
            .message("the relay policy store failed: " + e.getMessage())
            .cause(e)
            .haltError();
    }

    static HaltException queueFailure(Exception e) {
        LOGGER.error("The relay queue or the hold repository failed", e);
        return ErrorResponder.builder()
            .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
            .type(ErrorType.SERVER_ERROR)
            .message("the relay queue or the hold repository failed: " + e.getMessage())
            .cause(e)
            .haltError();
    }

    private static HaltException error(int status, ErrorType type, String message) {
        return ErrorResponder.builder()
            .statusCode(status)
            .type(type)
            .message(message)
            .haltError();
    }
}
