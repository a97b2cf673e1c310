package org.jamesrelay.core;

import java.util.List;

/**
 * Answers, for one client, what happens to a sender (at MAIL FROM) and to each recipient (at RCPT TO).
 * The core's implementations are immutable and never block: they read a snapshot. An adapter's may look up what no
 * snapshot holds (James's aliases of the address a logged-in client sends as) and then answers with a temporary failure
 * when it cannot, never with a guess.
 */
public interface RelayDecider {
    /** @param sender the MAIL FROM path, with or without angle brackets; empty or {@code <>} for the null sender */
    Decision decideSender(ClientContext client, String sender);

    /**
     * Decides one recipient, checking the sender again first, so that a caller outside an SMTP session (a matcher)
     * gets the same answer as the session did.
     */
    Decision decideRecipient(ClientContext client, String sender, String recipient);

    /**
     * Decides the author addresses of a received message (its From: header) for a logged-in client: each must be an
     * address the login owns, when the policy asks for it.
     */
    Decision decideHeaderFrom(ClientContext client, List<String> fromAddresses);

    /** A decider for when there is no policy to apply: every answer is a temporary failure, never a relay. */
    static RelayDecider failClosed(String reason) {
        Decision unavailable = Decision.of(Verdict.TEMPFAIL, Replies.policyUnavailable(), RuleIds.POLICY_UNAVAILABLE)
            .withWarning(reason);
        return new RelayDecider() {
            @Override
            public Decision decideSender(ClientContext client, String sender) {
                return unavailable;
            }

            @Override
            public Decision decideRecipient(ClientContext client, String sender, String recipient) {
                return unavailable;
            }

            @Override
            public Decision decideHeaderFrom(ClientContext client, List<String> fromAddresses) {
                return unavailable;
            }
        };
    }
}
