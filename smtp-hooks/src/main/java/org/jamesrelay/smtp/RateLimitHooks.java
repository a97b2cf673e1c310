package org.jamesrelay.smtp;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/** The temporary refusal of a hook whose rate limit is exceeded. */
final class RateLimitHooks {
    private RateLimitHooks() {
    }

    static HookResult refusal(Optional<RateLimits.Exceeded> exceeded, String code) {
        return exceeded
            .map(limit -> HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(code)
                .smtpDescription(limit.description("4.7.1"))
                .build())
            .orElse(HookResult.DECLINED);
    }

    static String senderDomain(MaybeSender sender) {
        return sender.asOptional().map(address -> address.getDomain().asString().toLowerCase(Locale.ROOT)).orElse(null);
    }
}
