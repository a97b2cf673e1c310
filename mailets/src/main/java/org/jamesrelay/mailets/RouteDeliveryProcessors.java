package org.jamesrelay.mailets;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.ProcessingState;

/**
 * Where mail goes that is neither delivered nor returned to its sender: mail on a route that loops back to this
 * server ({@code loopProcessor}), and undeliverable mail with a null sender ({@code undeliverableProcessor}: a bounce
 * must not be bounced). With the {@code bounceProcessor} that James's bouncer hands bounces to, when one is set, these
 * are the processors James checks at startup.
 */
final class RouteDeliveryProcessors {
    private final String loops;
    private final String undeliverable;
    private final Optional<String> bounces;

    static RouteDeliveryProcessors of(MailetConfig config) throws MessagingException {
        return new RouteDeliveryProcessors(required(config, "loopProcessor"), required(config, "undeliverableProcessor"),
            Optional.ofNullable(config.getInitParameter("bounceProcessor")));
    }

    private static String required(MailetConfig config, String name) throws MessagingException {
        return Optional.ofNullable(config.getInitParameter(name))
            .orElseThrow(() -> new MessagingException("RouteDelivery needs <" + name + ">"));
    }

    private RouteDeliveryProcessors(String loops, String undeliverable, Optional<String> bounces) {
        this.loops = loops;
        this.undeliverable = undeliverable;
        this.bounces = bounces;
    }

    String loops() {
        return loops;
    }

    String undeliverable() {
        return undeliverable;
    }

    Collection<ProcessingState> required() {
        return Stream.concat(Stream.of(loops, undeliverable), bounces.stream())
            .map(ProcessingState::new)
            .collect(Collectors.toUnmodifiableList());
    }
}
