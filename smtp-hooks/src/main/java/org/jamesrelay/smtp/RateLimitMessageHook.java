package org.jamesrelay.smtp;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.jamesrelay.core.RateLimit;

/**
 * At the end of DATA, counts the message's bytes under the {@code counts=bytes} limits; a message that would pass
 * one is refused with {@code 450 4.7.1}, before {@link SpoolHandler} queues it.
 */
public class RateLimitMessageHook implements JamesMessageHook {
    private final RateLimits rateLimits;

    @Inject
    public RateLimitMessageHook(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        RateLimits.Keys keys = new RateLimits.Keys(RateLimitHooks.senderDomain(mail.getMaybeSender()), null);
        return RateLimitHooks.refusal(rateLimits.acquire(session, RateLimit.Counted.BYTES, keys, size(mail)), "450");
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (MessagingException e) {
            return 0;
        }
    }
}
