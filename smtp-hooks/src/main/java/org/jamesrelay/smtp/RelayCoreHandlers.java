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
import org.apache.james.smtpserver.SendMailHandler;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;

/**
 * James's core SMTP handlers without its own relay and sender-identity checks, which {@link RelayRcptHook} and
 * {@link SenderLoginHook} replace, with {@link GuardedAuthCmdHandler} instead of James's AUTH command,
 * {@link SpoolHandler} instead of James's {@code SendMailHandler}, the {@link ErrorLimitHandler} that counts
 * every refused command, and the {@link PipeliningGuard} that disconnects clients sending commands ahead.
 * Use it as {@code <handlerchain coreHandlersPackage="org.jamesrelay.smtp.RelayCoreHandlers">}.
 */
public class RelayCoreHandlers implements HandlersPackage {
    private static final Set<String> REMOVED = Set.of(
        AuthRequiredToRelayRcptHook.class.getName(),
        SenderAuthIdentifyVerificationHook.class.getName());

    private static final Map<String, String> REPLACED = Map.of(
        AuthCmdHandler.class.getName(), GuardedAuthCmdHandler.class.getName(),
        SendMailHandler.class.getName(), SpoolHandler.class.getName());

    @Override
    public List<String> getHandlers() {
        return Stream.concat(
                new CoreCmdHandlerLoader().getHandlers().stream()
                    .filter(handler -> !REMOVED.contains(handler))
                    .map(handler -> REPLACED.getOrDefault(handler, handler)),
                Stream.of(ErrorLimitHandler.class.getName(), PipeliningGuard.class.getName()))
            .collect(Collectors.toUnmodifiableList());
    }
}
