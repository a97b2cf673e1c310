package org.jamesrelay.smtp;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jamesrelay.james.MailAttributes;

/**
 * Records on each received mail whether its session was encrypted, a fact James does not keep, so that the
 * matchers decide with the same inputs as the SMTP hooks did.
 */
public class RelaySessionAttributesHook implements JamesMessageHook {
    private static final AttributeName TLS = AttributeName.of(MailAttributes.TLS);

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        mail.setAttribute(new Attribute(TLS, AttributeValue.of(session.isTLSStarted())));
        return HookResult.DECLINED;
    }
}
