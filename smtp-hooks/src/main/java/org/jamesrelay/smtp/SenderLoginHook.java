package org.jamesrelay.smtp;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.james.RelayPolicyService;

/**
 * MAIL FROM: refuses a sender that the authenticated login does not own (Postfix
 * {@code reject_authenticated_sender_login_mismatch}), and a local sender from an anonymous client when the policy
 * asks for it. An accepted sender is left to the next hooks.
 */
public class SenderLoginHook implements MailHook {
    private final RelayPolicyService policyService;
    private final DecisionLog decisionLog;

    @Inject
    public SenderLoginHook(RelayPolicyService policyService, DecisionLog decisionLog) {
        this.policyService = policyService;
        this.decisionLog = decisionLog;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        ClientContext client = SessionClient.of(session);
        String senderPath = sender.asString("");
        Decision decision = policyService.decider().decideSender(client, senderPath);
        decisionLog.log("MAIL", client, senderPath, "", decision);
        return decision.isAccepted() ? HookResult.DECLINED : HookResults.refusal(decision);
    }
}
