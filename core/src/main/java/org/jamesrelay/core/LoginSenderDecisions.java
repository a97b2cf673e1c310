package org.jamesrelay.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision that accepts a logged-in client's MAIL FROM, whose rule id names the login
 * ({@code sender-login:alice@local.test}): made once per login for the decider of a snapshot, so that an accepted
 * MAIL FROM allocates nothing once its login has been seen. Up to {@link #MAX_LOGINS} logins are kept (a few more
 * when threads add them at once); the decision of any other login is made each time, so that a flood of logins
 * cannot grow this.
 */
final class LoginSenderDecisions {
    static final int MAX_LOGINS = 65_536;

    private final Map<String, Decision> byLogin = new ConcurrentHashMap<>();
    private final int maxLogins;

    LoginSenderDecisions() {
        this(MAX_LOGINS);
    }

    LoginSenderDecisions(int maxLogins) {
        this.maxLogins = maxLogins;
    }

    Decision accepted(String login) {
        Decision decision = byLogin.get(login);
        if (decision == null) {
            decision = Decision.of(Verdict.SENDER_ACCEPTED, Replies.senderOk(), RuleIds.senderLogin(login));
            if (byLogin.size() < maxLogins) {
                byLogin.putIfAbsent(login, decision);
            }
        }
        return decision;
    }
}
