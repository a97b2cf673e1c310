package org.jamesrelay.james;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jamesrelay.core.AddressSyntaxException;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.EnvelopeAddress;
import org.jamesrelay.core.LocalDirectory;
import org.jamesrelay.core.PolicyDecider;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.core.RelayPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy decision over the mirrored directory, plus, for a logged-in client, the aliases of the addresses it
 * sends as, looked up when it uses them: the policy core then decides over plain values. A client that did not log in
 * needs no alias and costs no lookup, nor does a login sending as itself. When the aliases cannot be read the answer
 * is a temporary failure, never a guess.
 */
final class AliasResolvingDecider implements RelayDecider {
    private static final Logger LOGGER = LoggerFactory.getLogger(AliasResolvingDecider.class);

    private final AliasSource aliases;
    private final PolicyDecider withoutLookup;

    AliasResolvingDecider(RelayPolicy policy, LocalDirectory directory, AliasSource aliases) {
        this.aliases = aliases;
        this.withoutLookup = new PolicyDecider(policy, directory);
    }

    @Override
    public Decision decideSender(ClientContext client, String sender) {
        return deciderFor(client, List.of(sender)).decideSender(client, sender);
    }

    @Override
    public Decision decideRecipient(ClientContext client, String sender, String recipient) {
        return deciderFor(client, List.of(sender)).decideRecipient(client, sender, recipient);
    }

    @Override
    public Decision decideHeaderFrom(ClientContext client, List<String> fromAddresses) {
        return deciderFor(client, fromAddresses).decideHeaderFrom(client, fromAddresses);
    }

    private RelayDecider deciderFor(ClientContext client, List<String> senders) {
        if (client.login().isEmpty()) {
            return withoutLookup;
        }
        String login = client.login().get();
        try {
            Map<String, Set<String>> loginsByAddress = new HashMap<>();
            for (String sender : senders) {
                Optional<EnvelopeAddress> address = otherThanLogin(sender, login);
                if (address.isPresent()) {
                    loginsByAddress.put(address.get().key(), aliases.loginsReceiving(address.get()));
                }
            }
            return withoutLookup.withAliases(loginsByAddress);
        } catch (Exception e) {
            LOGGER.warn("Cannot read James's aliases for {}: {}; answering with a temporary failure", client, e.toString());
            return RelayDecider.failClosed("cannot read James's aliases: " + e.getMessage());
        }
    }

    /** The address to look up: empty for the null sender, a login's own address, or one the core refuses as invalid. */
    private static Optional<EnvelopeAddress> otherThanLogin(String sender, String login) {
        if (EnvelopeAddress.isNullSender(sender)) {
            return Optional.empty();
        }
        try {
            EnvelopeAddress address = EnvelopeAddress.parse(sender);
            return address.key().equals(login) ? Optional.empty() : Optional.of(address);
        } catch (AddressSyntaxException e) {
            return Optional.empty();
        }
    }
}
