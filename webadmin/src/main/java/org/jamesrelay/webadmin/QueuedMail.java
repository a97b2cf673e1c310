package org.jamesrelay.webadmin;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.james.MailAttributes;
import org.jamesrelay.webadmin.dto.MailRouteDto;
import org.jamesrelay.webadmin.dto.QueuedMailDto;

/**
 * A relayed mail that waits, in the relay queue or on hold, as the queue tools show and select it: its envelope, the
 * routes its recipients take with the policy in force, since when it waits, its failed attempts and last problem.
 */
final class QueuedMail {
    private static final AttributeName ROUTE_ERROR = AttributeName.of(MailAttributes.ROUTE_ERROR);
    private static final AttributeName QUEUED_AT = AttributeName.of(MailAttributes.QUEUED_AT);
    /** James's {@code DeliveryRetriesHelper.DELIVERY_RETRY_COUNT}, which the route delivery counts with. */
    private static final AttributeName ATTEMPTS = AttributeName.of("delivery_retry_count");
    static final String NULL_SENDER = "<>";

    /** The recipients of a mail that one route takes. */
    static final class RouteGroup {
        final Route route;
        final List<String> recipients;

        private RouteGroup(Route route, List<String> recipients) {
            this.route = route;
            this.recipients = List.copyOf(recipients);
        }
    }

    final String name;
    final String sender;
    final List<String> recipients;
    final List<RouteGroup> routes;
    final Optional<Instant> queuedAt;
    final int attempts;
    final Optional<String> lastError;
    final Optional<Instant> nextAttempt;

    private QueuedMail(String name, String sender, List<String> recipients, List<RouteGroup> routes, Optional<Instant> queuedAt,
                       int attempts, Optional<String> lastError, Optional<Instant> nextAttempt) {
        this.name = name;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.routes = List.copyOf(routes);
        this.queuedAt = queuedAt;
        this.attempts = attempts;
        this.lastError = lastError;
        this.nextAttempt = nextAttempt;
    }

    static QueuedMail of(Mail mail, Optional<ZonedDateTime> nextDelivery, RouteTable table) {
        String sender = mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(NULL_SENDER);
        List<String> recipients = new ArrayList<>();
        mail.getRecipients().forEach(recipient -> recipients.add(recipient.asString()));
        return new QueuedMail(mail.getName(), sender, recipients, routes(table, sender, recipients),
            string(mail, QUEUED_AT).flatMap(QueuedMail::instant),
            value(mail, ATTEMPTS).filter(Integer.class::isInstance).map(Integer.class::cast).orElse(0),
            string(mail, ROUTE_ERROR).or(() -> Optional.ofNullable(mail.getErrorMessage())),
            nextDelivery.map(ZonedDateTime::toInstant));
    }

    /** As the route delivery groups them at its next attempt: by the route each recipient takes now. */
    private static List<RouteGroup> routes(RouteTable table, String sender, List<String> recipients) {
        Optional<EnvelopeAddress> envelopeSender = parse(sender);
        Map<Route, List<String>> byRoute = new LinkedHashMap<>();
        for (String recipient : recipients) {
            Route route = parse(recipient).map(address -> table.routeFor(envelopeSender, address)).orElseGet(table::defaultOrDirect);
            byRoute.computeIfAbsent(route, any -> new ArrayList<>()).add(recipient);
        }
        List<RouteGroup> groups = new ArrayList<>();
        byRoute.forEach((route, members) -> groups.add(new RouteGroup(route, members)));
        return groups;
    }

    QueuedMailDto toDto() {
        List<MailRouteDto> routeDtos = new ArrayList<>();
        routes.forEach(group -> routeDtos.add(new MailRouteDto(group.route.ruleId(), group.route.transport().hopsAsString(), group.recipients)));
        return new QueuedMailDto(name, sender, recipients, routeDtos, queuedAt.map(Instant::toString).orElse(null), attempts,
            lastError.orElse(null), nextAttempt.map(Instant::toString).orElse(null));
    }

    private static Optional<EnvelopeAddress> parse(String address) {
        try {
            return Optional.of(EnvelopeAddress.parse(address));
        } catch (AddressSyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> value(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::getValue);
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return value(mail, name).filter(String.class::isInstance).map(String.class::cast);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
