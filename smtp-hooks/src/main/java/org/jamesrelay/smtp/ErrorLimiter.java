package org.jamesrelay.smtp;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jamesrelay.core.ErrorLimits;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the policy's {@link ErrorLimits} to a session that has just been refused something: past the soft limit its
 * next command waits in the {@link Tarpit}; at the hard limit the refusal becomes {@code 421 4.7.0} and the session
 * ends, as Postfix's "421 4.7.0 Error: too many errors".
 */
public class ErrorLimiter {
    static final String TOO_MANY_ERRORS = "4.7.0 Error: too many errors";
    private static final Logger LOGGER = LoggerFactory.getLogger("org.jamesrelay.limits");

    private final RelayPolicyService policyService;
    private final Tarpit tarpit;

    @Inject
    public ErrorLimiter(RelayPolicyService policyService, Tarpit tarpit) {
        this.policyService = policyService;
        this.tarpit = tarpit;
    }

    /** Counts one error and answers the reply to send: {@code refusal}, or the end of the session. */
    Response afterError(SMTPSession session, Response refusal) {
        RelayPolicy policy = policyService.policy();
        if (policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            return refusal;
        }
        int errors = SessionErrors.of(session).error();
        ErrorLimits limits = policy.errorLimits();
        if (limits.ends(errors)) {
            LOGGER.info("too many errors: client={} errors={} hard-error-limit={}", session.getRemoteAddress().getAddress().getHostAddress(),
                errors, limits.hardLimit());
            SMTPResponse end = new SMTPResponse("421", TOO_MANY_ERRORS);
            end.setEndSession(true);
            return end;
        }
        tarpit.pause(session, limits.delay(errors));
        return refusal;
    }

    /** Counts one junk command (NOOP, VRFY, RSET, HELP); past {@code junk-command-limit} it counts as an error too. */
    Response afterJunkCommand(SMTPSession session, Response reply) {
        RelayPolicy policy = policyService.policy();
        if (policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            return reply;
        }
        return policy.errorLimits().junkIsError(SessionErrors.of(session).junkCommand()) ? afterError(session, reply) : reply;
    }
}
