package org.jamesrelay.smtp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.apache.james.smtpserver.AuthRequiredToRelayRcptHook;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;
import org.apache.james.smtpserver.JamesWelcomeMessageHandler;
import org.apache.james.smtpserver.SendMailHandler;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;

/**
 * James's core SMTP handlers without its own relay and sender-identity checks, which {@link RelayRcptHook} and
 * {@link SenderLoginHook} replace, with {@link GuardedAuthCmdHandler} instead of James's AUTH command,
 * {@link SpoolHandler} (after the {@link RateLimitMessageHook}) instead of James's {@code SendMailHandler},
 * {@link LimitedWelcomeHandler} instead of James's greeting, and the abuse limits: the {@link ErrorLimitHandler} that
 * counts every refused command and the {@link PipeliningGuard} that disconnects clients sending commands ahead. James
 * runs these after the handlers of the chain: {@link RateLimitMailHook} and {@link RateLimitRcptHook} go first in the
 * chain of {@code smtpserver.xml}, since a hook that accepts a RCPT ends it.
 * Use it as {@code <handlerchain coreHandlersPackage="org.jamesrelay.smtp.RelayCoreHandlers">}.
 */
public class RelayCoreHandlers implements HandlersPackage {
    private static final Set<String> REMOVED = Set.of(
        AuthRequiredToRelayRcptHook.class.getName(),
        SenderAuthIdentifyVerificationHook.class.getName());

    private static final Map<String, List<String>> REPLACED = Map.of(
        JamesWelcomeMessageHandler.class.getName(), List.of(LimitedWelcomeHandler.class.getName()),
        AuthCmdHandler.class.getName(), List.of(GuardedAuthCmdHandler.class.getName()),
        SendMailHandler.class.getName(), List.of(RateLimitMessageHook.class.getName(), SpoolHandler.class.getName()));

    private static final List<String> ADDED = List.of(ErrorLimitHandler.class.getName(), PipeliningGuard.class.getName());

    @Override
    public List<String> getHandlers() {
        return Stream.concat(
                new CoreCmdHandlerLoader().getHandlers().stream()
                    .filter(handler -> !REMOVED.contains(handler))
                    .flatMap(handler -> REPLACED.getOrDefault(handler, List.of(handler)).stream()),
                ADDED.stream())
            .collect(Collectors.toUnmodifiableList());
    }
}
