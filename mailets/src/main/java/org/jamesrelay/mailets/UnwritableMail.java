package org.jamesrelay.mailets;

import java.io.IOException;
import java.io.OutputStream;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;

/**
 * A message that cannot be measured or written out, as a queue does to store it and a next hop's session to send it:
 * MIME headers that do not parse once a mailet changed the message. Retrying cannot help. Checked before an attempt
 * made from the spool, which would otherwise take the failure for the hop's and defer the mail; the relay queue
 * refuses such a message the same way. Checked once only: JavaMail counts a message as saved even when its first
 * save failed, and writes it out unchanged afterwards.
 */
final class UnwritableMail extends MessagingException {
    private UnwritableMail(Exception cause) {
        super(cause.getMessage(), cause);
    }

    static void check(Mail mail) throws UnwritableMail {
        try {
            mail.getMessageSize();
            mail.getMessage().writeTo(OutputStream.nullOutputStream());
        } catch (IOException | MessagingException e) {
            throw new UnwritableMail(e);
        }
    }
}
