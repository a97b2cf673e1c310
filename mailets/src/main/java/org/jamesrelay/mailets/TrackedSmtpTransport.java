package org.jamesrelay.mailets;

import java.io.IOException;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.URLName;

import com.sun.mail.smtp.SMTPTransport;

/**
 * JavaMail's SMTP client, counting the messages whose end of data it sent, and keeping the reply that failed the last
 * failed transaction (closing the session replaces JavaMail's last reply with the answer to QUIT). A transaction that
 * failed before its end of data cannot have been taken by the hop, so its mail may be sent again on another
 * connection; after the end of data, the hop may have taken it even if its answer never came.
 */
final class TrackedSmtpTransport extends SMTPTransport {
    private final String protocol;
    private int endsOfData;
    private int failedTransactionReply;

    TrackedSmtpTransport(Session session, URLName url) {
        super(session, url, url.getProtocol(), "smtps".equalsIgnoreCase(url.getProtocol()));
        this.protocol = url.getProtocol();
    }

    /** The sender of the next MAIL FROM; this session's properties are its own. */
    void useEnvelopeSender(String sender) {
        session.getProperties().put("mail." + protocol + ".from", sender);
    }

    /** How many messages this session sent up to their end of data ("." or the last BDAT chunk). */
    synchronized int endsOfData() {
        return endsOfData;
    }

    /** Whether the last failed transaction was refused with a permanent (5xx) reply, not cut short. */
    synchronized boolean lastFailureWasPermanent() {
        return failedTransactionReply >= 500 && failedTransactionReply <= 599;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        try {
            super.sendMessage(message, addresses);
        } catch (MessagingException e) {
            failedTransactionReply = getLastReturnCode();
            throw e;
        }
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        endsOfData++;
        super.finishData();
    }

    @Override
    protected void finishBdat() throws IOException, MessagingException {
        endsOfData++;
        super.finishBdat();
    }
}
