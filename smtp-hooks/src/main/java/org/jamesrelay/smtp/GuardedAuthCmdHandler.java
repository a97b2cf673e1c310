package org.jamesrelay.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jamesrelay.core.AuthFailureGuard;
import org.jamesrelay.core.AuthFailureLimits;
import org.jamesrelay.core.Lockout;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;

/**
 * AUTH with the password-guessing defence: a client, network or login that is locked out gets {@code 454 4.7.0}
 * without its password being checked; each failed login is answered later than the previous one of the same client
 * ({@link Tarpit}) and counts as a session error; the failure that reaches a threshold locks out and ends the
 * session with {@code 421 4.7.0}, and writes one {@link LockoutLog} line.
 */
public class GuardedAuthCmdHandler extends AnnouncedAuthCmdHandler {
    private final RelayPolicyService policyService;
    private final AuthFailureGuard guard;
    private final Tarpit tarpit;
    private final ErrorLimiter errorLimiter;
    private final Clock clock;

    @Inject
    public GuardedAuthCmdHandler(RelayPolicyService policyService, AuthFailureGuard guard, Tarpit tarpit, ErrorLimiter errorLimiter) {
        this(policyService, guard, tarpit, errorLimiter, Clock.systemUTC());
    }

    GuardedAuthCmdHandler(RelayPolicyService policyService, AuthFailureGuard guard, Tarpit tarpit, ErrorLimiter errorLimiter, Clock clock) {
        this.policyService = policyService;
        this.guard = guard;
        this.tarpit = tarpit;
        this.errorLimiter = errorLimiter;
        this.clock = clock;
    }

    @Override
    protected Response doAuthTest(SMTPSession session, Username username, String pass, String authType) {
        InetAddress client = session.getRemoteAddress().getAddress();
        RelayPolicy policy = policyService.policy();
        if (username == null || pass == null || policy.exemptFromLimits(client)) {
            return super.doAuthTest(session, username, pass, authType);
        }
        Optional<Lockout> lockout = guard.lockoutOf(client, username.asString());
        if (lockout.isPresent()) {
            return errorLimiter.afterError(session, new SMTPResponse("454", "4.7.0 " + lockedOut(lockout.get())));
        }
        Response response = super.doAuthTest(session, username, pass, authType);
        AuthFailureLimits limits = policy.authFailureLimits();
        if (SMTPRetCode.AUTH_OK.equals(response.getRetCode())) {
            guard.succeeded(client, limits);
            return response;
        }
        AuthFailureGuard.Outcome outcome = guard.failed(client, username.asString(), limits);
        if (outcome.lockout().isPresent()) {
            LockoutLog.log(outcome.lockout().get(), client, username.asString());
            SMTPResponse end = new SMTPResponse("421", "4.7.0 " + lockedOut(outcome.lockout().get()));
            end.setEndSession(true);
            return end;
        }
        tarpit.pause(session, outcome.delay());
        return errorLimiter.afterError(session, response);
    }

    private String lockedOut(Lockout lockout) {
        return "Error: " + lockout.reason() + ", try again in " + lockout.secondsLeft(clock.instant()) + " s";
    }
}
