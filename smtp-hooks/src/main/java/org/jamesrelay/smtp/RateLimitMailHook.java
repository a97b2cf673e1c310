package org.jamesrelay.smtp;

import javax.inject.Inject;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.jamesrelay.core.RateLimit;

/** MAIL FROM counts one message under the {@code counts=messages} limits; past one: {@code 450 4.7.1}. */
public class RateLimitMailHook implements MailHook {
    private final RateLimits rateLimits;

    @Inject
    public RateLimitMailHook(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        RateLimits.Keys keys = new RateLimits.Keys(RateLimitHooks.senderDomain(sender), null);
        return RateLimitHooks.refusal(rateLimits.acquire(session, RateLimit.Counted.MESSAGES, keys, 1), "450");
    }
}
