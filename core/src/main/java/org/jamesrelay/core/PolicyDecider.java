package org.jamesrelay.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    private static final Decision NULL_SENDER_ACCEPTED = Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), RuleIds.NULL_SENDER);
    private static final Decision SENDER_ACCEPTED = Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), RuleIds.ANY_SENDER);
    private static final Decision MESSAGE_ACCEPTED = Decision.of(Verdict.SENDER_ACCEPTED, Replies.messageOk(), RuleIds.HEADER_FROM);
    private static final Decision OPEN_RELAY = Decision.of(Verdict.RELAY, Replies.openRelayOk(), RuleIds.OPEN_RELAY);
    private static final Decision AUTHENTICATED = Decision.of(Verdict.RELAY, Replies.authenticatedOk(), AuthenticatedRelay.RULE_ID);
    private static final Decision STARTTLS_REQUIRED = Decision.of(Verdict.DENY, Replies.startTlsRequired(), AuthenticatedRelay.RULE_ID);
    private static final Decision AUTHENTICATION_REQUIRED = Decision.of(Verdict.DENY, Replies.authenticationRequired(), RuleIds.AUTHENTICATION_REQUIRED);

    private final RelayPolicy policy;
    private final LocalDirectory directory;
    private final Optional<String> warning;
    private final KnownDomains domains;
    private final LoginSenderDecisions loginSenders;

    public PolicyDecider(RelayPolicy policy, LocalDirectory directory) {
        this(policy, directory, warningOf(policy), new KnownDomains(policy, directory), new LoginSenderDecisions());
    }

    private PolicyDecider(RelayPolicy policy, LocalDirectory directory, Optional<String> warning, KnownDomains domains,
                          LoginSenderDecisions loginSenders) {
        this.policy = Objects.requireNonNull(policy);
        this.directory = Objects.requireNonNull(directory);
        this.warning = warning;
        this.domains = domains;
        this.loginSenders = loginSenders;
    }

    /**
     * This decider with more aliases in its directory ({@link LocalDirectory#withAliases}), as looked up for one
     * decision: what it works out from the policy and the domains, and the decisions it keeps, are shared.
     */
    public PolicyDecider withAliases(Map<String, Set<String>> loginsByAddress) {
        return loginsByAddress.isEmpty() ? this
            : new PolicyDecider(policy, directory.withAliases(loginsByAddress), warning, domains, loginSenders);
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
            return MESSAGE_ACCEPTED;
        }
        String login = client.login().get();
        for (String from : fromAddresses) {
            try {
                EnvelopeAddress author = EnvelopeAddress.parse(from);
                if (!owns(login, author.key())) {
                    return Decision.of(Verdict.DENY, Replies.headerFromNotOwned(author, login), RuleIds.HEADER_FROM);
                }
            } catch (AddressSyntaxException e) {
                return Decision.of(Verdict.DENY, Replies.badHeaderFrom(Printable.of(from), e.getMessage()), RuleIds.HEADER_FROM);
            }
        }
        return MESSAGE_ACCEPTED;
    }

    private Decision withPolicyWarning(Decision decision) {
        return warning.isPresent() ? decision.withWarning(warning.get()) : decision;
    }

    /**
     * The decisions below work on the lookup keys of the addresses ({@link EnvelopeAddress#keyOf}), which are the
     * addresses as written when in canonical form: an accepted decision then allocates nothing.
     */
    private Decision senderDecision(ClientContext client, String sender) {
        if (EnvelopeAddress.isNullSender(sender)) {
            return NULL_SENDER_ACCEPTED;
        }
        String senderKey;
        try {
            senderKey = EnvelopeAddress.keyOf(sender);
        } catch (AddressSyntaxException e) {
            return Decision.of(Verdict.DENY, Replies.badSenderSyntax(e.getMessage()), RuleIds.SENDER_SYNTAX);
        }
        Decision refusal = senderRefusal(client, senderKey);
        if (refusal != null) {
            return refusal;
        }
        Optional<String> login = client.login();
        return login.isPresent() ? loginSenders.accepted(login.get()) : SENDER_ACCEPTED;
    }

    /**
     * Why this client may not use this sender, or null when it may: a recipient decision checks the sender again
     * and goes on without a decision for it.
     */
    private Decision senderRefusal(ClientContext client, String senderKey) {
        Optional<String> login = client.login();
        if (login.isPresent()) {
            return owns(login.get(), senderKey) ? null
                : Decision.of(Verdict.DENY, Replies.senderNotOwned(senderKey, login.get()), RuleIds.senderLogin(login.get()));
        }
        if (policy.localSendersRequireLogin() && domains.isLocal(senderKey) && !vouchedForByNetwork(client, senderKey)) {
            return Decision.of(Verdict.DENY, Replies.senderNotLoggedIn(senderKey), RuleIds.LOCAL_SENDER_REQUIRES_LOGIN);
        }
        return null;
    }

    /** A trusted network vouches for the senders it may use: all of them, or those its senders= option lists. */
    private boolean vouchedForByNetwork(ClientContext client, String senderKey) {
        TrustedNetwork network = policy.trustedNetworkOrNull(client);
        return network != null && network.permitsSenderKey(senderKey);
    }

    private boolean owns(String login, String senderKey) {
        if (directory.ownsKey(login, senderKey)) {
            return true;
        }
        SenderLogin grant = policy.senderLogins().get(login);
        return grant != null && grant.grantsKey(senderKey);
    }

    /** The sender key is null for the null sender {@code <>} from here on. */
    private Decision recipientDecision(ClientContext client, String sender, String recipient) {
        String senderKey = null;
        if (!EnvelopeAddress.isNullSender(sender)) {
            try {
                senderKey = EnvelopeAddress.keyOf(sender);
            } catch (AddressSyntaxException e) {
                return Decision.of(Verdict.DENY, Replies.badSenderSyntax(e.getMessage()), RuleIds.SENDER_SYNTAX);
            }
            Decision refusal = senderRefusal(client, senderKey);
            if (refusal != null) {
                return refusal;
            }
        }
        String recipientKey;
        try {
            recipientKey = EnvelopeAddress.keyOf(recipient);
        } catch (AddressSyntaxException e) {
            return Decision.of(Verdict.DENY, Replies.badRecipientSyntax(e.getMessage()), RuleIds.RECIPIENT_SYNTAX);
        }
        return decideRecipient(client, senderKey, recipient, recipientKey);
    }

    /** The sender-specified routing of the recipient is looked for where it matters: not in a relay granted. */
    private Decision decideRecipient(ClientContext client, String senderKey, String recipient, String recipientKey) {
        KnownDomains.Domain domain = domains.of(recipientKey);
        if (domain != null && domain.relayDomain() != null) {
            return decideRelayDomain(domain, client, senderKey, recipientKey, EnvelopeAddress.senderRoutingOf(recipient));
        }
        if (domain != null && domain.isLocal()) {
            Optional<String> routing = EnvelopeAddress.senderRoutingOf(recipient);
            if (routing.isPresent()) {
                return senderRoutingRefused(recipientKey, routing.get());
            }
            return domain.accepted();
        }
        Decision relay = relayPermission(client, senderKey, recipientKey);
        if (relay.isAccepted()) {
            return relay;
        }
        Optional<String> routing = EnvelopeAddress.senderRoutingOf(recipient);
        return routing.isPresent() ? senderRoutingRefused(recipientKey, routing.get()) : relay;
    }

    /** The relay permission only matters to a relay domain when the address routes further: it is asked for then only. */
    private Decision decideRelayDomain(KnownDomains.Domain domain, ClientContext client, String senderKey, String recipientKey,
                                       Optional<String> routing) {
        if (routing.isPresent() && !relayPermission(client, senderKey, recipientKey).isAccepted()) {
            return senderRoutingRefused(recipientKey, routing.get());
        }
        RelayDomain relayDomain = domain.relayDomain();
        if (!relayDomain.acceptsKey(recipientKey)) {
            return Decision.of(Verdict.DENY, Replies.unknownRelayRecipient(recipientKey), RuleIds.relayRecipient(relayDomain.name()));
        }
        return domain.accepted();
    }

    private static Decision senderRoutingRefused(String recipientKey, String routing) {
        return Decision.of(Verdict.DENY, Replies.senderRouting(recipientKey, routing), RuleIds.SENDER_ROUTING);
    }

    /**
     * Whether this client, with this sender, may relay to outside destinations: a relay decision, or else the most
     * precise refusal.
     */
    private Decision relayPermission(ClientContext client, String senderKey, String recipientKey) {
        if (policy.isOpenRelay()) {
            return OPEN_RELAY;
        }
        Decision networkRefusal = null;
        TrustedNetwork trusted = policy.trustedNetworkOrNull(client);
        if (trusted != null) {
            if (senderKey != null && !trusted.permitsSenderKey(senderKey)) {
                networkRefusal = Decision.of(Verdict.DENY,
                    Replies.relayDenied(recipientKey, "sender <" + senderKey + "> may not relay from " + trusted.cidr()),
                    trusted.ruleId());
            } else if ((trusted.servedSendersOnly() || policy.servedSendersOnly()) && !isServed(senderKey)) {
                networkRefusal = notServed(recipientKey, senderKey, trusted.ruleId());
            } else {
                return trusted.relayGranted();
            }
        }
        if (client.login().isPresent()) {
            return loginPermission(client, senderKey, recipientKey);
        }
        return networkRefusal != null ? networkRefusal : defaultRefusal(client, recipientKey);
    }

    private Decision loginPermission(ClientContext client, String senderKey, String recipientKey) {
        AuthenticatedRelay rule = policy.authenticatedRelay();
        String login = client.login().orElseThrow();
        if (rule.mode() == AuthenticatedRelay.Mode.OFF) {
            return Decision.of(Verdict.DENY, Replies.relayDenied(recipientKey, "authenticated relaying is disabled"), AuthenticatedRelay.RULE_ID);
        }
        if (rule.mode() == AuthenticatedRelay.Mode.TLS_ONLY && !client.tls()) {
            return STARTTLS_REQUIRED;
        }
        SenderLogin senderLogin = policy.senderLogins().get(login);
        boolean loginServedOnly = senderLogin != null && senderLogin.servedSendersOnly();
        if ((rule.servedSendersOnly() || loginServedOnly || policy.servedSendersOnly()) && !isServed(senderKey)) {
            return notServed(recipientKey, senderKey, loginServedOnly ? RuleIds.senderLogin(login) : AuthenticatedRelay.RULE_ID);
        }
        return AUTHENTICATED;
    }

    private Decision defaultRefusal(ClientContext client, String recipientKey) {
        if (client.authOffered()) {
            return AUTHENTICATION_REQUIRED;
        }
        return Decision.of(Verdict.DENY, Replies.relayDenied(recipientKey, ""), RuleIds.RELAY_DENIED);
    }

    private Decision notServed(String recipientKey, String senderKey, String ruleId) {
        String domain = senderKey == null ? "" : AddressKeys.domain(senderKey);
        return Decision.of(Verdict.DENY, Replies.relayDenied(recipientKey, "sender domain " + domain + " is not served here"), ruleId);
    }

    /** The null sender counts as served: bounces must be able to leave. */
    private boolean isServed(String senderKey) {
        return senderKey == null || domains.isServed(senderKey);
    }
}
