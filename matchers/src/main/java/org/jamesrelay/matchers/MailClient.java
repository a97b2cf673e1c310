package org.jamesrelay.matchers;


import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.jamesrelay.core.ClientContext;
import org.jamesrelay.core.IpAddresses;
import org.jamesrelay.james.MailAttributes;

/**
 * The policy's view of the client that handed a mail to James, rebuilt from what the mail carries.
 */
final class MailClient {
    private static final AttributeName TLS = AttributeName.of(MailAttributes.TLS);

    private MailClient() {
    }

    /**
     * @throws IllegalArgumentException when the mail's remote address is not an IP address
     */
    static ClientContext of(Mail mail) {
        return ClientContext.from(IpAddresses.parse(mail.getRemoteAddr()))
            .helo(AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_HELO, String.class))
            .login(AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class))
            .tls(AttributeUtils.getValueAndCastFromMail(mail, TLS, Boolean.class).orElse(false))
            .build();
    }

    static boolean isSentByJames(Mail mail) {
        return mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent();
    }

    static String senderPath(Mail mail) {
        return mail.getMaybeSender().asString("");
    }

}
