package org.jamesrelay.smtp;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;

/**
 * AUTH only where it is announced. James 3.8 accepts the AUTH command even where EHLO does not offer it, so a
 * client could send its password in clear text before STARTTLS on a listener with {@code <requireSSL>}. This
 * handler refuses it there (Postfix {@code smtpd_tls_auth_only}), and on listeners that never offer AUTH.
 */
public class AnnouncedAuthCmdHandler extends AuthCmdHandler {
    static final String ENCRYPTION_REQUIRED = "5.7.11 Encryption required for requested authentication mechanism";
    static final String NOT_ENABLED = "5.5.1 Error: authentication not enabled";

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.getUsername() == null && !session.isAuthAnnounced()) {
            return SessionClient.authOfferedAfterStartTls(session)
                ? new SMTPResponse("538", ENCRYPTION_REQUIRED)
                : new SMTPResponse("503", NOT_ENABLED);
        }
        return super.onCommand(session, request);
    }
}
