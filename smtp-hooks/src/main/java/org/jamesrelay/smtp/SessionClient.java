package org.jamesrelay.smtp;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jamesrelay.core.ClientContext;

/**
 * The policy's view of an SMTP session.
 */
final class SessionClient {
    private SessionClient() {
    }

    static ClientContext of(SMTPSession session) {
        return ClientContext.from(session.getRemoteAddress().getAddress())
            .helo(session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection))
            .login(Optional.ofNullable(session.getUsername()).map(Username::asString))
            .tls(session.isTLSStarted())
            .authOffered(session.isAuthAnnounced() || authOfferedAfterStartTls(session))
            .build();
    }

    /** AUTH is not offered yet, but will be once the client has started TLS. */
    static boolean authOfferedAfterStartTls(SMTPSession session) {
        return session.isStartTLSSupported() && !session.isTLSStarted()
            && session.getConfiguration().isAuthAnnounced(session.getRemoteAddress().getAddress().getHostAddress(), true);
    }
}
