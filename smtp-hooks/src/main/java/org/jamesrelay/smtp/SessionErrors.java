package org.jamesrelay.smtp;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;

/** The errors and junk commands of one SMTP session since it last delivered a message. */
final class SessionErrors {
    private static final ProtocolSession.AttachmentKey<SessionErrors> KEY =
        ProtocolSession.AttachmentKey.of("org.jamesrelay.errors", SessionErrors.class);

    private int errors;
    private int junkCommands;

    static SessionErrors of(SMTPSession session) {
        return session.getAttachment(KEY, ProtocolSession.State.Connection).orElseGet(() -> {
            SessionErrors created = new SessionErrors();
            session.setAttachment(KEY, created, ProtocolSession.State.Connection);
            return created;
        });
    }

    int error() {
        return ++errors;
    }

    int junkCommand() {
        return ++junkCommands;
    }

    /** Postfix counts errors "without delivering mail": a delivered message starts the counts again. */
    void messageDelivered() {
        errors = 0;
        junkCommands = 0;
    }
}
