package org.jamesrelay.matchers;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.RelayDecider;
import org.jamesrelay.james.RelayPolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the recipients the relay policy refuses for this mail's client, login and sender: the RCPT TO decision
 * applied to mail that entered the pipeline without the SMTP hooks (another listener, a reprocessed repository).
 * Mail James sends itself (bounces, notifications) is not a client's and is never matched. A mail whose client
 * address cannot be read is refused whole: the policy fails closed.
 * <pre>{@code
 * <mailet match="org.jamesrelay.matchers.RelayPolicyRefuses" class="ToProcessor">
 *     <processor>relay-refused</processor>
 * </mailet>
 * }</pre>
 */
public class RelayPolicyRefuses extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayPolicyRefuses.class);

    private final RelayPolicyService policyService;

    @Inject
    public RelayPolicyRefuses(RelayPolicyService policyService) {
        this.policyService = policyService;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (MailClient.isSentByJames(mail)) {
            return List.of();
        }
        ClientContext client;
        try {
            client = MailClient.of(mail);
        } catch (IllegalArgumentException e) {
            LOGGER.warn("Mail {} has no usable client address ({}): all its recipients are refused", mail.getName(), e.getMessage());
            return mail.getRecipients();
        }
        RelayDecider decider = policyService.decider();
        String sender = MailClient.senderPath(mail);
        return mail.getRecipients().stream()
            .filter(recipient -> isRefused(decider.decideRecipient(client, sender, recipient.asString()), mail, recipient))
            .collect(Collectors.toUnmodifiableList());
    }

    private static boolean isRefused(Decision decision, Mail mail, MailAddress recipient) {
        if (!decision.isAccepted()) {
            LOGGER.info("Mail {} to <{}> refused by the relay policy: {}", mail.getName(), recipient.asString(), decision);
        }
        return !decision.isAccepted();
    }
}
