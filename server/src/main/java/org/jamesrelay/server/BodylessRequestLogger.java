package org.jamesrelay.server;

import static org.apache.james.webadmin.authentication.AuthenticationFilter.LOGIN;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.ENDPOINT;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.IP;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.LOGGER;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.METHOD;
import static org.apache.james.webadmin.mdc.LoggingRequestFilter.REQUEST_ID;

import org.apache.james.util.MDCStructuredLogger;
import org.apache.james.webadmin.mdc.RequestId;
import org.apache.james.webadmin.mdc.RequestLogger;

import spark.Request;

/**
 * Logs the James Relay WebAdmin requests whose body James's default request logger must not read: a whole policy
 * (hundreds of megabytes, which that logger would read whole, before the import could stream it, and hold as a
 * {@code String} in the log's MDC) and the DKIM routes' bodies (private keys, which a layout that prints the MDC would
 * write to the log). Their size is logged instead.
 */
final class BodylessRequestLogger implements RequestLogger {
    private static final String POLICY = "/relay/policy";
    private static final String DKIM = "/relay/dkim";

    @Override
    public boolean applies(Request request) {
        String path = request.pathInfo();
        return !request.requestMethod().equals("GET") && (path.equals(POLICY) || path.startsWith(DKIM));
    }

    @Override
    public void log(Request request, RequestId requestId) {
        MDCStructuredLogger.forLogger(LOGGER)
            .field(REQUEST_ID, requestId.asString())
            .field(IP, request.ip())
            .field(ENDPOINT, request.url())
            .field(METHOD, request.requestMethod())
            .field(LOGIN, request.attribute(LOGIN))
            .field("request-body-bytes", Long.toString(request.raw().getContentLengthLong()))
            .log(logger -> logger.info("WebAdmin request received (body not logged)"));
    }
}
