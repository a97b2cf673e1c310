package org.jamesrelay.matchers;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;

/**
 * Matches the recipients in a relay domain of the policy. Put it before local delivery: a relay domain is
 * forwarded, never delivered locally, even when it is also one of James's domains.
 */
public class IsRelayDomainRecipient extends GenericMatcher {
    private final RelayPolicyService policyService;

    @Inject
    public IsRelayDomainRecipient(RelayPolicyService policyService) {
        this.policyService = policyService;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        RelayPolicy policy = policyService.policy();
        return mail.getRecipients().stream()
            .filter(recipient -> policy.relayDomain(recipient.getDomain().asString()).isPresent())
            .collect(Collectors.toUnmodifiableList());
    }
}
