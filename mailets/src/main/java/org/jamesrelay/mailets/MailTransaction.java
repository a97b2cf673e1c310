package org.jamesrelay.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.Converter7Bit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.mail.smtp.SMTPMessage;
import com.sun.mail.smtp.SMTPTransport;

/**
 * Sends one mail over a connected SMTP session, as James's {@code MailDelivrerToHost} does: the mail's envelope sender,
 * its DSN parameters (RET and ENVID on MAIL, one transaction per distinct NOTIFY of the recipients), and content
 * converted to 7 bits for a hop that does not offer 8BITMIME.
 */
final class MailTransaction {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailTransaction.class);

    private final Converter7Bit converter7Bit;

    MailTransaction(MailetContext mailetContext) {
        this.converter7Bit = new Converter7Bit(mailetContext);
    }

    void send(Mail mail, Collection<InternetAddress> recipients, TrackedSmtpTransport transport) throws MessagingException {
        transport.useEnvelopeSender(mail.getMaybeSender().asString());
        MimeMessage message = adaptedTo(transport, mail.getMessage());
        if (mail.dsnParameters().isEmpty()) {
            transport.sendMessage(message, recipients.toArray(InternetAddress[]::new));
            return;
        }
        DsnParameters dsn = mail.dsnParameters().get();
        for (Map.Entry<Optional<Integer>, List<InternetAddress>> group : byNotify(dsn, recipients).entrySet()) {
            SMTPMessage withDsn = new SMTPMessage(message);
            group.getKey().ifPresent(withDsn::setNotifyOptions);
            dsn.getRetParameter().map(MailTransaction::javaMailRet).ifPresent(withDsn::setReturnOption);
            dsn.getEnvIdParameter()
                .filter(any -> transport.supportsExtension("DSN"))
                .ifPresent(envId -> withDsn.setMailExtension("ENVID=" + envId.asString()));
            transport.sendMessage(withDsn, group.getValue().toArray(InternetAddress[]::new));
        }
    }

    /** The recipients by the NOTIFY parameter they came with, in their order. */
    private static Map<Optional<Integer>, List<InternetAddress>> byNotify(DsnParameters dsn, Collection<InternetAddress> recipients)
        throws AddressException {
        Map<Optional<Integer>, List<InternetAddress>> groups = new LinkedHashMap<>();
        for (InternetAddress recipient : recipients) {
            Optional<Integer> notify = Optional.ofNullable(dsn.getRcptParameters().get(new MailAddress(recipient.getAddress())))
                .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
                .map(MailTransaction::javaMailNotify);
            groups.computeIfAbsent(notify, any -> new ArrayList<>()).add(recipient);
        }
        return groups;
    }

    private static int javaMailNotify(EnumSet<DsnParameters.Notify> notify) {
        int options = 0;
        for (DsnParameters.Notify value : notify) {
            switch (value) {
                case NEVER:
                    options |= SMTPMessage.NOTIFY_NEVER;
                    break;
                case SUCCESS:
                    options |= SMTPMessage.NOTIFY_SUCCESS;
                    break;
                case FAILURE:
                    options |= SMTPMessage.NOTIFY_FAILURE;
                    break;
                case DELAY:
                    options |= SMTPMessage.NOTIFY_DELAY;
                    break;
            }
        }
        return options;
    }

    private static int javaMailRet(DsnParameters.Ret ret) {
        return ret == DsnParameters.Ret.FULL ? SMTPMessage.RETURN_FULL : SMTPMessage.RETURN_HDRS;
    }

    private MimeMessage adaptedTo(SMTPTransport transport, MimeMessage message) throws MessagingException {
        if (!transport.supportsExtension("8BITMIME")) {
            try {
                converter7Bit.convertTo7Bit(message);
            } catch (IOException e) {
                LOGGER.error("Error during the conversion to 7 bit.", e);
            }
        }
        return message;
    }
}
