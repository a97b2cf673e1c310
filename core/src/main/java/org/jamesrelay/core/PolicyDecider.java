package org.jamesrelay.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The relay decision over one policy snapshot and one directory snapshot.
 * <p>
 * For a recipient, in order: the sender is checked again; a relay-domain recipient is accepted from anyone
 * when it is a known recipient; a local-domain recipient is accepted for local delivery; any other recipient
 * needs a relay permission (open relay mode, a trusted network, or an authenticated login). Sender-specified
 * routing is refused to clients without a relay permission, and to everyone when it targets a local domain.
 */
public final class PolicyDecider implements RelayDecider {
    static final String OPEN_RELAY_WARNING = "open relay mode: any client may relay through this server";

    private final RelayPolicy policy;
    private final LocalDirectory directory;
    private final Optional<String> warning;

    public PolicyDecider(RelayPolicy policy, LocalDirectory directory) {
        this.policy = Objects.requireNonNull(policy);
        this.directory = Objects.requireNonNull(directory);
        this.warning = warningOf(policy);
    }

    /** Open relay mode and wide trusted networks are warned about at every decision, so that no one forgets them. */
    static Optional<String> warningOf(RelayPolicy policy) {
        if (policy.isOpenRelay()) {
            return Optional.of(OPEN_RELAY_WARNING);
        }
        List<String> wide = policy.trustedNetworks().stream().filter(TrustedNetwork::isWide)
            .map(network -> network.cidr().asString()).collect(Collectors.toList());
        return wide.isEmpty() ? Optional.empty()
            : Optional.of("wide trusted network " + String.join(", ", wide) + ": every client in it may relay through this server");
    }

    @Override
    public Decision decideSender(ClientContext client, String sender) {
        return withPolicyWarning(senderDecision(client, sender));
    }

    @Override
    public Decision decideRecipient(ClientContext client, String sender, String recipient) {
        return withPolicyWarning(recipientDecision(client, sender, recipient));
    }

    @Override
    public Decision decideHeaderFrom(ClientContext client, List<String> fromAddresses) {
        return withPolicyWarning(headerFromDecision(client, fromAddresses));
    }

    private Decision headerFromDecision(ClientContext client, List<String> fromAddresses) {
        if (client.login().isEmpty() || !policy.headerFromMustBeOwned()) {
            return Decision.of(Verdict.SENDER_ACCEPTED, Replies.messageOk(), RuleIds.HEADER_FROM);
        }
        String login = client.login().get();
        for (String from : fromAddresses) {
            try {
                EnvelopeAddress author = EnvelopeAddress.parse(from);
                if (!owns(login, author)) {
                    return Decision.of(Verdict.DENY, Replies.headerFromNotOwned(author, login), RuleIds.HEADER_FROM);
                }
            } catch (AddressSyntaxException e) {
                return Decision.of(Verdict.DENY, Replies.badHeaderFrom(Printable.of(from), e.getMessage()), RuleIds.HEADER_FROM);
            }
        }
        return Decision.of(Verdict.SENDER_ACCEPTED, Replies.messageOk(), RuleIds.HEADER_FROM);
    }

    private Decision withPolicyWarning(Decision decision) {
        return warning.isPresent() ? decision.withWarning(warning.get()) : decision;
    }

    private Decision senderDecision(ClientContext client, String sender) {
        if (EnvelopeAddress.isNullSender(sender)) {
            return Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), RuleIds.NULL_SENDER);
        }
        EnvelopeAddress address;
        try {
            address = EnvelopeAddress.parse(sender);
        } catch (AddressSyntaxException e) {
            return Decision.of(Verdict.DENY, Replies.badSenderSyntax(e.getMessage()), RuleIds.SENDER_SYNTAX);
        }
        return decideSender(client, address);
    }

    private Decision decideSender(ClientContext client, EnvelopeAddress sender) {
        if (client.login().isPresent()) {
            String login = client.login().get();
            String ruleId = "sender-login:" + login;
            if (!owns(login, sender)) {
                return Decision.of(Verdict.DENY, Replies.senderNotOwned(sender, login), ruleId);
            }
            return Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), ruleId);
        }
        if (policy.localSendersRequireLogin() && directory.isLocalDomain(sender.domain()) && !vouchedForByNetwork(client, sender)) {
            return Decision.of(Verdict.DENY, Replies.senderNotLoggedIn(sender), RuleIds.LOCAL_SENDER_REQUIRES_LOGIN);
        }
        return Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), RuleIds.ANY_SENDER);
    }

    /** A trusted network vouches for the senders it may use: all of them, or those its senders= option lists. */
    private boolean vouchedForByNetwork(ClientContext client, EnvelopeAddress sender) {
        return policy.trustedNetworkOf(client.address())
            .map(network -> network.permitsSender(Optional.of(sender)))
            .orElse(false);
    }

    private boolean owns(String login, EnvelopeAddress sender) {
        return directory.owns(login, sender)
            || policy.senderLogin(login).map(grant -> grant.grants(sender)).orElse(false);
    }

    private Decision recipientDecision(ClientContext client, String sender, String recipient) {
        Optional<EnvelopeAddress> senderAddress = Optional.empty();
        if (!EnvelopeAddress.isNullSender(sender)) {
            try {
                senderAddress = Optional.of(EnvelopeAddress.parse(sender));
            } catch (AddressSyntaxException e) {
                return Decision.of(Verdict.DENY, Replies.badSenderSyntax(e.getMessage()), RuleIds.SENDER_SYNTAX);
            }
            Decision senderDecision = decideSender(client, senderAddress.get());
            if (!senderDecision.isAccepted()) {
                return senderDecision;
            }
        }
        EnvelopeAddress address;
        try {
            address = EnvelopeAddress.parse(recipient);
        } catch (AddressSyntaxException e) {
            return Decision.of(Verdict.DENY, Replies.badRecipientSyntax(e.getMessage()), RuleIds.RECIPIENT_SYNTAX);
        }
        return decideRecipient(client, senderAddress, address);
    }

    private Decision decideRecipient(ClientContext client, Optional<EnvelopeAddress> sender, EnvelopeAddress recipient) {
        Optional<RelayDomain> relayDomain = policy.relayDomain(recipient.domain());
        if (relayDomain.isPresent()) {
            return decideRelayDomain(relayDomain.get(), recipient, () -> relayPermission(client, sender, recipient));
        }
        if (directory.isLocalDomain(recipient.domain())) {
            if (recipient.senderRouting().isPresent()) {
                return Decision.of(Verdict.DENY, Replies.senderRouting(recipient), RuleIds.SENDER_ROUTING);
            }
            return Decision.of(Verdict.LOCAL, Replies.localOk(), RuleIds.localDomain(recipient.domain()));
        }
        RelayPermission permission = relayPermission(client, sender, recipient);
        if (!permission.granted() && recipient.senderRouting().isPresent()) {
            return Decision.of(Verdict.DENY, Replies.senderRouting(recipient), RuleIds.SENDER_ROUTING);
        }
        return permission.decision();
    }

    /** The relay permission only matters to a relay domain when the address routes further: it is asked for then only. */
    private Decision decideRelayDomain(RelayDomain domain, EnvelopeAddress recipient, Supplier<RelayPermission> permission) {
        if (recipient.senderRouting().isPresent() && !permission.get().granted()) {
            return Decision.of(Verdict.DENY, Replies.senderRouting(recipient), RuleIds.SENDER_ROUTING);
        }
        if (!domain.accepts(recipient)) {
            return Decision.of(Verdict.DENY, Replies.unknownRelayRecipient(recipient), RuleIds.relayRecipient(domain.name()));
        }
        return Decision.of(Verdict.RELAY_DOMAIN, Replies.relayDomainOk(), domain.ruleId());
    }

    /**
     * Whether this client, with this sender, may relay to outside destinations, and if not, the most precise refusal.
     */
    private RelayPermission relayPermission(ClientContext client, Optional<EnvelopeAddress> sender, EnvelopeAddress recipient) {
        if (policy.isOpenRelay()) {
            return RelayPermission.grant(Decision.of(Verdict.RELAY, Replies.openRelayOk(), RuleIds.OPEN_RELAY));
        }
        Optional<Decision> networkRefusal = Optional.empty();
        Optional<TrustedNetwork> network = policy.trustedNetworkOf(client.address());
        if (network.isPresent()) {
            TrustedNetwork trusted = network.get();
            if (!trusted.permitsSender(sender)) {
                networkRefusal = Optional.of(Decision.of(Verdict.DENY,
                    Replies.relayDenied(recipient, "sender <" + sender.map(EnvelopeAddress::key).orElse("") + "> may not relay from " + trusted.cidr()),
                    trusted.ruleId()));
            } else if ((trusted.servedSendersOnly() || policy.servedSendersOnly()) && !isServed(sender)) {
                networkRefusal = Optional.of(notServed(recipient, sender, trusted.ruleId()));
            } else {
                return RelayPermission.grant(Decision.of(Verdict.RELAY, Replies.trustedNetworkOk(), trusted.ruleId()));
            }
        }
        if (client.login().isPresent()) {
            return loginPermission(client, sender, recipient);
        }
        return RelayPermission.refuse(networkRefusal.orElseGet(() -> defaultRefusal(client, recipient)));
    }

    private RelayPermission loginPermission(ClientContext client, Optional<EnvelopeAddress> sender, EnvelopeAddress recipient) {
        AuthenticatedRelay rule = policy.authenticatedRelay();
        String login = client.login().orElseThrow();
        if (rule.mode() == AuthenticatedRelay.Mode.OFF) {
            return RelayPermission.refuse(Decision.of(Verdict.DENY,
                Replies.relayDenied(recipient, "authenticated relaying is disabled"), AuthenticatedRelay.RULE_ID));
        }
        if (rule.mode() == AuthenticatedRelay.Mode.TLS_ONLY && !client.tls()) {
            return RelayPermission.refuse(Decision.of(Verdict.DENY, Replies.startTlsRequired(), AuthenticatedRelay.RULE_ID));
        }
        boolean loginServedOnly = policy.senderLogin(login).map(SenderLogin::servedSendersOnly).orElse(false);
        if ((rule.servedSendersOnly() || loginServedOnly || policy.servedSendersOnly()) && !isServed(sender)) {
            String ruleId = loginServedOnly ? "sender-login:" + login : AuthenticatedRelay.RULE_ID;
            return RelayPermission.refuse(notServed(recipient, sender, ruleId));
        }
        return RelayPermission.grant(Decision.of(Verdict.RELAY, Replies.authenticatedOk(), AuthenticatedRelay.RULE_ID));
    }

    private Decision defaultRefusal(ClientContext client, EnvelopeAddress recipient) {
        if (client.authOffered()) {
            return Decision.of(Verdict.DENY, Replies.authenticationRequired(), RuleIds.AUTHENTICATION_REQUIRED);
        }
        return Decision.of(Verdict.DENY, Replies.relayDenied(recipient, ""), RuleIds.RELAY_DENIED);
    }

    private Decision notServed(EnvelopeAddress recipient, Optional<EnvelopeAddress> sender, String ruleId) {
        String domain = sender.map(EnvelopeAddress::domain).orElse("");
        return Decision.of(Verdict.DENY, Replies.relayDenied(recipient, "sender domain " + domain + " is not served here"), ruleId);
    }

    /** The null sender counts as served: bounces must be able to leave. */
    private boolean isServed(Optional<EnvelopeAddress> sender) {
        return sender.map(address -> directory.isLocalDomain(address.domain()) || policy.relayDomain(address.domain()).isPresent())
            .orElse(true);
    }

    private static final class RelayPermission {
        private final boolean granted;
        private final Decision decision;

        static RelayPermission grant(Decision decision) {
            return new RelayPermission(true, decision);
        }

        static RelayPermission refuse(Decision decision) {
            return new RelayPermission(false, decision);
        }

        private RelayPermission(boolean granted, Decision decision) {
            this.granted = granted;
            this.decision = decision;
        }

        boolean granted() {
            return granted;
        }

        Decision decision() {
            return decision;
        }
    }
}
