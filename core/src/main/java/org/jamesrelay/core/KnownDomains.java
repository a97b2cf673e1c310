package org.jamesrelay.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The domains the decider knows an address by: relay domains of the policy and local domains of the directory,
 * each with the decision that accepts its recipients, made once per snapshot. Found in the address's key, so that
 * looking up the domain of a sender or recipient copies nothing.
 */
final class KnownDomains {
    /** One domain: a relay domain, a local domain, or both (the relay domain then decides its recipients). */
    static final class Domain {
        private final RelayDomain relayDomain;
        private final boolean local;
        private final Decision accepted;

        private Domain(RelayDomain relayDomain, boolean local, Decision accepted) {
            this.relayDomain = relayDomain;
            this.local = local;
            this.accepted = accepted;
        }

        /** Null when this is a local domain only. */
        RelayDomain relayDomain() {
            return relayDomain;
        }

        boolean isLocal() {
            return local;
        }

        /** A known recipient of the relay domain, or any recipient of the local domain. */
        Decision accepted() {
            return accepted;
        }
    }

    private final DomainTable<Domain> table;

    KnownDomains(RelayPolicy policy, LocalDirectory directory) {
        Map<String, Domain> domains = new HashMap<>();
        for (String local : directory.localDomains()) {
            domains.put(local, new Domain(null, true, Decision.of(Verdict.LOCAL, Replies.localOk(), RuleIds.localDomain(local))));
        }
        for (RelayDomain relay : policy.relayDomains().values()) {
            Decision accepted = Decision.of(Verdict.RELAY_DOMAIN, Replies.relayDomainOk(), relay.ruleId());
            domains.put(relay.name(), new Domain(relay, directory.isLocalDomain(relay.name()), accepted));
        }
        this.table = DomainTable.of(domains);
    }

    /** The domain of the address of this key, or null when it is neither a relay domain nor a local domain. */
    Domain of(String addressKey) {
        return table.get(addressKey, AddressKeys.domainStart(addressKey));
    }

    boolean isLocal(String addressKey) {
        Domain domain = of(addressKey);
        return domain != null && domain.isLocal();
    }

    /** Local and relay domains are served: their senders may be required of a relaying client. */
    boolean isServed(String addressKey) {
        return of(addressKey) != null;
    }
}
