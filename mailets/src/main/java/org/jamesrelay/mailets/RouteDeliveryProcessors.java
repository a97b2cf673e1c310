package org.jamesrelay.mailets;

import java.util.Objects;

/**
 * Where mail goes that is neither delivered nor returned to its sender: mail on a route that loops back to this
 * server, and undeliverable mail with a null sender (a bounce must not be bounced).
 */
final class RouteDeliveryProcessors {
    private final String loops;
    private final String undeliverable;

    RouteDeliveryProcessors(String loops, String undeliverable) {
        this.loops = Objects.requireNonNull(loops);
        this.undeliverable = Objects.requireNonNull(undeliverable);
    }

    String loops() {
        return loops;
    }

    String undeliverable() {
        return undeliverable;
    }
}
