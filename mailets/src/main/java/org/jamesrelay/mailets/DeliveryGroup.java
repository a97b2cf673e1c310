package org.jamesrelay.mailets;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.jamesrelay.core.Transport;

/**
 * The recipients of one mail that leave together: same transport and, for direct delivery, same domain (one MX
 * lookup). The rules are the routes that chose the transport, for the logs.
 */
final class DeliveryGroup {
    private final Transport transport;
    private final List<MailAddress> recipients;
    private final Set<String> rules;

    DeliveryGroup(Transport transport, List<MailAddress> recipients, Set<String> rules) {
        this.transport = Objects.requireNonNull(transport);
        this.recipients = List.copyOf(recipients);
        this.rules = Set.copyOf(rules);
    }

    Transport transport() {
        return transport;
    }

    List<MailAddress> recipients() {
        return recipients;
    }

    Set<String> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return recipients + " via " + transport + " " + rules;
    }
}
