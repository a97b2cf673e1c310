package org.jamesrelay.mailets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;
import org.jamesrelay.core.Transport;

/**
 * Splits the recipients of a mail by route, so that each recipient is delivered once, through its own route.
 */
final class RecipientRouter {
    private RecipientRouter() {
    }

    static List<DeliveryGroup> split(RouteTable routes, MaybeSender sender, List<MailAddress> recipients) {
        Optional<EnvelopeAddress> envelopeSender = sender.asOptional().flatMap(address -> parse(address.asString()));
        Map<Map.Entry<Transport, String>, List<MailAddress>> recipientsByGroup = new LinkedHashMap<>();
        Map<Map.Entry<Transport, String>, Set<String>> rulesByGroup = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            Route route = parse(recipient.asString())
                .map(address -> routes.routeFor(envelopeSender, address))
                .orElseGet(routes::defaultOrDirect);
            Map.Entry<Transport, String> group = groupKey(route, recipient);
            recipientsByGroup.computeIfAbsent(group, any -> new ArrayList<>()).add(recipient);
            rulesByGroup.computeIfAbsent(group, any -> new LinkedHashSet<>()).add(route.ruleId());
        }
        List<DeliveryGroup> groups = new ArrayList<>();
        recipientsByGroup.forEach((group, members) ->
            groups.add(new DeliveryGroup(group.getKey(), members, rulesByGroup.get(group))));
        return groups;
    }

    /** Direct delivery looks up the MX of the first recipient's domain, so it groups by domain too. */
    private static Map.Entry<Transport, String> groupKey(Route route, MailAddress recipient) {
        Transport transport = route.transport();
        return Map.entry(transport, transport.isDirect() ? recipient.getDomain().asString() : "");
    }

    private static Optional<EnvelopeAddress> parse(String address) {
        try {
            return Optional.of(EnvelopeAddress.parse(address));
        } catch (AddressSyntaxException e) {
            return Optional.empty();
        }
    }
}
