package org.jamesrelay.smtp;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;

/**
 * Sees the reply to every SMTP command and hands refusals and junk commands to the {@link ErrorLimiter}. James
 * calls result handlers twice for a command, from its command dispatcher (with the command's handler) and from its
 * channel (with the line handler); only the first counts. AUTH counts its own failures ({@link GuardedAuthCmdHandler}),
 * since its password lines bypass the dispatcher.
 */
public class ErrorLimitHandler implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    private static final Set<String> JUNK_COMMANDS = Set.of("NOOP", "VRFY", "RSET", "HELP", "ETRN");

    private final ErrorLimiter limiter;

    @Inject
    public ErrorLimitHandler(ErrorLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (response == null || !(handler instanceof CommandHandler) || handler instanceof AuthCmdHandler || response.isEndSession()) {
            return response;
        }
        SMTPSession smtpSession = (SMTPSession) session;
        if (isError(response)) {
            return limiter.afterError(smtpSession, response);
        }
        boolean junk = ((CommandHandler<?>) handler).getImplCommands().stream().anyMatch(JUNK_COMMANDS::contains);
        return junk ? limiter.afterJunkCommand(smtpSession, response) : response;
    }

    private static boolean isError(Response response) {
        String code = response.getRetCode();
        return code != null && (code.startsWith("4") || code.startsWith("5"));
    }
}
