package org.jamesrelay.smtp;

import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jamesrelay.core.RelayPolicy;
import org.jamesrelay.james.RelayPolicyService;

/**
 * Puts the {@link SynchronizationCheck} on each new connection, unless the policy turns it off
 * ({@code forbid-unauth-pipelining no}) or spares the client ({@code limit-exceptions}).
 */
public class PipeliningGuard implements ConnectHandler<SMTPSession> {
    private static final String RECEIVED = "relay-received-bytes";
    private static final String CHECK = "relay-synchronization";
    private final RelayPolicyService policyService;

    @Inject
    public PipeliningGuard(RelayPolicyService policyService) {
        this.policyService = policyService;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        RelayPolicy policy = policyService.policy();
        if (policy.forbidUnauthPipelining() && !policy.exemptFromLimits(session.getRemoteAddress().getAddress())) {
            NettyChannels.of((ProtocolSession) session).ifPresent(channel -> {
                AtomicLong received = new AtomicLong();
                channel.pipeline().addBefore(HandlerConstants.FRAMER, RECEIVED, new SynchronizationCheck.Received(received));
                channel.pipeline().addBefore(HandlerConstants.CORE_HANDLER, CHECK, new SynchronizationCheck(received));
            });
        }
        return NoReply.INSTANCE;
    }
}
