package org.jamesrelay.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.Decision;
import org.jamesrelay.core.Verdict;
import org.jamesrelay.james.RelayPolicyService;

/**
 * RCPT TO: the relay decision, while the client is still connected, so that nothing unwanted is accepted and
 * bounced later. It replaces James's own relay check ({@code AuthRequiredToRelayRcptHook}).
 * <p>
 * A local recipient is left to the next hooks (James's {@code ValidRcptHandler} then refuses unknown users);
 * relayed and relay-domain recipients are accepted here, so no later hook can refuse them as "not local".
 */
public class RelayRcptHook implements RcptHook {
    private final RelayPolicyService policyService;
    private final DecisionLog decisionLog;

    @Inject
    public RelayRcptHook(RelayPolicyService policyService, DecisionLog decisionLog) {
        this.policyService = policyService;
        this.decisionLog = decisionLog;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        ClientContext client = SessionClient.of(session);
        String senderPath = sender.asString("");
        Decision decision = policyService.decider().decideRecipient(client, senderPath, recipient.asString());
        decisionLog.log("RCPT", client, senderPath, recipient.asString(), decision);
        if (!decision.isAccepted()) {
            return HookResults.refusal(decision);
        }
        return decision.verdict() == Verdict.LOCAL ? HookResult.DECLINED : HookResult.OK;
    }
}
