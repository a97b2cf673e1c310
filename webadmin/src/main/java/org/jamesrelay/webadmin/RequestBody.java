package org.jamesrelay.webadmin;

import java.nio.charset.StandardCharsets;

import spark.Request;

final class RequestBody {
    private RequestBody() {
    }

    /** The body as UTF-8 text; null when the request has none. */
    static String text(Request request) {
        byte[] bytes = request.bodyAsBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
