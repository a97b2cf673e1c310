package org.jamesrelay.smtp;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.jamesrelay.core.Decision;

/**
 * Turns a refusal into the hook result that makes James answer with the policy's exact reply.
 */
final class HookResults {
    private HookResults() {
    }

    static HookResult refusal(Decision decision) {
        HookReturnCode code = decision.reply().isTransient() ? HookReturnCode.denySoft() : HookReturnCode.deny();
        return HookResult.builder()
            .hookReturnCode(code)
            .smtpReturnCode(Integer.toString(decision.reply().code()))
            .smtpDescription(decision.reply().description())
            .build();
    }
}
