package org.jamesrelay.james;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.NextHop;
import org.jamesrelay.core.PolicySnapshot;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.core.Route;
import org.jamesrelay.core.RouteTable;

/**
 * The edits that make a valid policy which would still hurt this server, refused at the edit that introduces them:
 * an edit that leaves the policy without a single entry (every relay domain gone at once); a relay domain that is one
 * of James's local domains (its mail would leave for a route instead of reaching the mailboxes); a route whose next
 * hop is one of this server's own SMTP listeners (its mail would circle until the hop limit). What was already there
 * before the edit is left alone, so that an unrelated edit is never blocked by it.
 */
final class PolicyEditGuards {
    private final Supplier<Optional<LocalDirectory>> directory;
    private final OwnListeners ownListeners;

    PolicyEditGuards(Supplier<Optional<LocalDirectory>> directory, OwnListeners ownListeners) {
        this.directory = directory;
        this.ownListeners = ownListeners;
    }

    /** @param edited the edited policy, valid: whether it has an entry is told without reading its millions of recipients */
    void check(RelayPolicy before, PolicySnapshot edited) throws RefusedPolicyEditException {
        RelayPolicy after = edited.policy();
        if (!edited.hasEntry()) {
            throw new RefusedPolicyEditException("the policy would be left without any entry, which would refuse every relay domain's mail: "
                + "an empty policy is never applied");
        }
        Optional<String> localRelayDomain = after.relayDomains().keySet().stream()
            .filter(domain -> !before.relayDomains().containsKey(domain))
            .filter(domain -> directory.get().map(local -> local.isLocalDomain(domain)).orElse(false))
            .sorted()
            .findFirst();
        if (localRelayDomain.isPresent()) {
            throw new RefusedPolicyEditException("relay domain " + localRelayDomain.get() + " is a local domain of James: its mail would be "
                + "forwarded instead of delivered to its mailboxes; remove the domain from James first, or relay another domain");
        }
        if (ownListeners.known()) {
            Optional<String> loop = newRoutes(before, after)
                .flatMap(route -> ownListeners.loopingHop(route.transport()).map(hop -> describe(route, hop)).stream())
                .findFirst();
            if (loop.isPresent()) {
                throw new RefusedPolicyEditException(loop.get());
            }
        }
    }

    private static Stream<Route> newRoutes(RelayPolicy before, RelayPolicy after) {
        Set<Route> existing = routes(before).collect(Collectors.toSet());
        return routes(after).filter(route -> !existing.contains(route));
    }

    private static Stream<Route> routes(RelayPolicy policy) {
        RouteTable table = policy.routes();
        return Stream.of(table.recipientRoutes().stream(), table.senderRoutes().stream(), table.defaultRoute().stream()).flatMap(routes -> routes);
    }

    private static String describe(Route route, NextHop hop) {
        return "route " + route.key() + ": next hop " + hop.asString() + " is an SMTP listener of this server, so its mail would loop back here";
    }
}
