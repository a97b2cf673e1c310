package org.jamesrelay.smtp;

import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.jamesrelay.core.RateLimit;

/**
 * RCPT TO counts one recipient under the {@code counts=recipients} limits, accepted or not, before the relay decides
 * (as Postfix counts them); past one: {@code 452 4.7.1}. It must come before {@link RelayRcptHook} in the handler
 * chain, since that hook may accept.
 */
public class RateLimitRcptHook implements RcptHook {
    private final RateLimits rateLimits;

    @Inject
    public RateLimitRcptHook(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        RateLimits.Keys keys = new RateLimits.Keys(RateLimitHooks.senderDomain(sender), recipient.getDomain().asString().toLowerCase(Locale.ROOT));
        return RateLimitHooks.refusal(rateLimits.acquire(session, RateLimit.Counted.RECIPIENTS, keys, 1), "452");
    }
}
