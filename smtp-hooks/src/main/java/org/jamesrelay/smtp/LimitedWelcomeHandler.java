package org.jamesrelay.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.smtpserver.JamesWelcomeMessageHandler;
import org.jamesrelay.core.RateLimit;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;

import io.netty.channel.Channel;

/**
 * James's greeting, unless a connection limit of the client or its network is exceeded ({@code counts=connections}
 * or {@code counts=sessions}): then {@code 421 4.7.0 Error: rate limit "NAME" exceeded, try again in N s} in its place,
 * and the connection is closed. The sessions it takes are given back when the connection ends. The greeting waits
 * for the policy's {@code greet-pause}, if set, for clients not spared by {@code limit-exceptions}.
 */
public class LimitedWelcomeHandler extends JamesWelcomeMessageHandler implements DisconnectHandler<SMTPSession> {
    private static final ProtocolSession.AttachmentKey<GreetPause> PAUSE =
        ProtocolSession.AttachmentKey.of("org.jamesrelay.greet-pause", GreetPause.class);
    private static final ProtocolSession.AttachmentKey<Held> HELD = ProtocolSession.AttachmentKey.of("org.jamesrelay.sessions", Held.class);

    private final RateLimits rateLimits;
    private final RelayPolicyService policyService;

    /** The sessions this connection holds, one per {@code counts=sessions} limit. */
    static final class Held {
        private final List<RateLimit> limits = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
    }

    @Inject
    public LimitedWelcomeHandler(RateLimits rateLimits, RelayPolicyService policyService) {
        this.rateLimits = rateLimits;
        this.policyService = policyService;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        Optional<RateLimits.Exceeded> exceeded = rateLimits.acquire(session, RateLimit.Counted.CONNECTIONS, RateLimits.Keys.NONE, 1)
            .or(() -> acquireSessions(session));
        if (exceeded.isPresent()) {
            onDisconnect(session);
            SMTPResponse refusal = new SMTPResponse("421", exceeded.get().description("4.7.0"));
            refusal.setEndSession(true);
            return refusal;
        }
        return greetAfterPause(session, super.onConnect(session));
    }

    /** The greeting now, or after the policy's {@code greet-pause}, if any applies to this client, written by {@link GreetPause}. */
    private Response greetAfterPause(SMTPSession session, Response greeting) {
        RelayPolicy policy = policyService.policy();
        Duration pause = policy.greetPause();
        if (pause.isZero() || policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            return greeting;
        }
        Optional<Channel> channel = NettyChannels.of(session);
        if (channel.isEmpty()) {
            return greeting;
        }
        ProtocolTransport transport = ((ProtocolSessionImpl) session).getProtocolTransport();
        GreetPause held = GreetPause.hold(session, channel.get().eventLoop(), pause, () -> transport.writeResponse(greeting, session));
        session.setAttachment(PAUSE, held, ProtocolSession.State.Connection);
        return NoReply.INSTANCE;
    }

    private Optional<RateLimits.Exceeded> acquireSessions(SMTPSession session) {
        Optional<RateLimits.Exceeded> exceeded = rateLimits.acquire(session, RateLimit.Counted.SESSIONS, RateLimits.Keys.NONE, 1);
        Held held = new Held();
        for (RateLimit limit : rateLimits.applying(session, RateLimit.Counted.SESSIONS)) {
            if (exceeded.isPresent() && exceeded.get().limit().name().equals(limit.name())) {
                break;
            }
            held.limits.add(limit);
            held.keys.add(rateLimits.keyOf(limit.scope(), session, RateLimits.Keys.NONE));
        }
        session.setAttachment(HELD, held, ProtocolSession.State.Connection);
        return exceeded;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        session.removeAttachment(PAUSE, ProtocolSession.State.Connection).ifPresent(GreetPause::cancel);
        session.removeAttachment(HELD, ProtocolSession.State.Connection).ifPresent(held -> {
            for (int i = 0; i < held.limits.size(); i++) {
                rateLimits.release(held.limits.get(i), held.keys.get(i));
            }
        });
    }
}
